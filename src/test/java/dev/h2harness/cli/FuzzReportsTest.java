package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fuzz --html/--pcap: the shrunk failing case gets its page, with the differing frame highlighted, and its capture. */
class FuzzReportsTest {
  @TempDir Path dir;

  @Test
  void theShrunkCaseIsReportedWithItsCapture() throws Exception {
    // A server that pads bodies sent without h2h-pad differs from the reference session.
    try (ReferenceServer padding = ReferenceServer.start(ServerOptions.defaults().withDefaultPad(7))) {
      CliRun r = CliRun.of("fuzz", "--target", padding.url(), "--tries", "20", "--seed", "3",
          "--html", dir.resolve("html").toString(), "--pcap", dir.resolve("pcap").toString());
      assertEquals(1, r.code(), r.err() + r.out());
    }
    String page = Files.readString(dir.resolve("html/scenarios/fuzz/shrunk.html"));
    assertTrue(page.contains("class=\"finding\""), "the differing frame is highlighted");
    assertTrue(page.contains("data.framing"), page);
    assertTrue(Files.readString(dir.resolve("html/index.html")).contains("1 failed"));
    CliRun replay = CliRun.of("replay", dir.resolve("pcap").toString());
    assertEquals(0, replay.code(), "the rules alone find nothing in a padded body: " + replay.out());
  }
}
