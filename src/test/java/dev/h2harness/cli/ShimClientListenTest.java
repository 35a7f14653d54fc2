package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.shim.ShimProcess;
import dev.h2harness.shim.ShimProcess.Shim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The libnghttp2 shims in client mode ({@code SHIM client URL}, contract §5), C and Rust, under
 * {@code listen}: the whole client catalogue passes, every control scenario compared frame by frame
 * and call by call with the reference client.
 */
@Timeout(300)
class ShimClientListenTest {
  @ParameterizedTest
  @EnumSource(Shim.class)
  void theShimClientPassesTheClientCatalogue(Shim shim) throws Exception {
    Path binary = ShimProcess.build(shim);
    CliRun r = CliRun.of("listen", "--client-cmd", binary + " client {url}");
    assertEquals(0, r.code(), r.out() + r.err());
    Matcher m = Pattern.compile("(\\d+) scenarios: (\\d+) passed, 0 failed, (\\d+) not applicable, 0 errors").matcher(r.out());
    assertTrue(m.find(), r.out());
    long control = Pattern.compile("^  ✔ client/control/", Pattern.MULTILINE).matcher(r.out()).results().count();
    assertTrue(control >= 25, "control scenarios passed: " + control + "\n" + r.out());
  }

  @org.junit.jupiter.api.Test
  void listenWritesTheHtmlReportAndOnePcapngPerScenario(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path binary = ShimProcess.build(Shim.C);
    Path html = dir.resolve("html");
    Path pcap = dir.resolve("pcap");
    CliRun r = CliRun.of("listen", "--client-cmd", binary + " client {url}", "--only", "client/control/pad-*",
        "--html", html.toString(), "--pcap", pcap.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    long ran = Pattern.compile("^  ✔ client/control/pad-", Pattern.MULTILINE).matcher(r.out()).results().count();
    assertTrue(ran >= 2, r.out());
    assertTrue(java.nio.file.Files.readString(html.resolve("index.html")).contains(ran + " passed"));
    try (var files = java.nio.file.Files.walk(pcap)) {
      assertEquals(ran, files.filter(f -> f.toString().endsWith(".pcapng")).count());
    }
  }

  @ParameterizedTest
  @EnumSource(Shim.class)
  void aMalformedControlParameterIsExitTwoAndOneLine(Shim shim) throws Exception {
    Path binary = ShimProcess.build(shim);
    Process p = new ProcessBuilder(binary.toString(), "client", "http://127.0.0.1:9/h2h/client/x?h2h-body=10&h2h-colour=red")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.contains("h2h-colour"), err);
    if (shim == Shim.C) assertEquals("h2h-nghttp2-shim client: unknown control parameter h2h-colour", err.strip());
  }
}
