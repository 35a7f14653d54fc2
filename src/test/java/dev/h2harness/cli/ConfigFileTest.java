package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config h2harness.yaml}: what a team repeats on every command line, overridden by the command line. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void theFileGivesTargetOnlyTimeoutAndReports() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      Path json = dir.resolve("r.json");
      Path junit = dir.resolve("r.xml");
      Path config = write("target: http://127.0.0.1:" + server.port() + "\ntimeout: 3\nonly:\n  - \"padding/pad-0-*\"\n"
          + "  - trailers/\nreports:\n  json: " + json + "\n  junit: " + junit + "\n");
      CliRun o = CliRun.of("check", "--config", config.toString());
      assertEquals(0, o.code(), o.out() + o.err());
      assertTrue(o.out().contains("h2harness check: http://127.0.0.1:" + server.port() + "/"), o.out());
      assertTrue(o.out().contains("padding/pad-0-small-body") && o.out().contains("trailers/"), o.out());
      assertFalse(o.out().contains("generic/"), o.out());
      assertTrue(Files.readString(json).contains("\"padding/pad-0-large-body\""));
      assertTrue(Files.readString(junit).contains("<testcase"));
    }
  }

  @Test
  void theCommandLineWins() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      Path config = write("target: http://127.0.0.1:1\nonly: [padding/]\n");
      CliRun o = CliRun.of("check", "--config=" + config, "--target", "http://127.0.0.1:" + server.port(),
          "--only", "trailers/");
      assertEquals(0, o.code(), o.out() + o.err());
      assertTrue(o.out().contains("trailers/"), o.out());
      assertFalse(o.out().contains("padding/"), o.out());
    }
  }

  @Test
  void anOptionOfAnotherCommandIsLeftOut() throws Exception {
    Path config = write("only: [trailers/trailers-small-body]\ntries: 5\n");
    CliRun o = CliRun.of("check", "--config", config.toString());
    assertEquals(0, o.code(), o.out() + o.err());
  }

  @Test
  void mistakesAreOneLineWithFileAndLineAndExitTwo() throws Exception {
    expect("target: http://127.0.0.1:1\n\ntiemout: 3\n", ":3: tiemout: no such option");
    expect("target: [a, b]\n", ":1: target: takes one value, not a list");
    expect("only: padding/\n  bad: [\n", ":2: not valid YAML: ");
    expect("- target\n", ":1: expected a mapping of option names to values");
    expect("insecure: maybe\n", ":1: insecure: expected true or false: maybe");
    expect("timeout: 1\ntimeout: 2\n", ":2: timeout: given twice");
    expect("reports:\n  xml: a.xml\n", ":2: reports.xml: unknown report (junit, json, html or pcap)");
    CliRun o = CliRun.of("check", "--config", dir.resolve("none.yaml").toString());
    assertEquals(2, o.code());
    assertEquals("h2harness: --config " + dir.resolve("none.yaml") + ": no such file", o.err().strip());
  }

  @Test
  void aBadValueFromTheFileIsTheCommandsOwnUsageError() throws Exception {
    CliRun o = CliRun.of("check", "--config", write("timeout: soon\n").toString());
    assertEquals(2, o.code());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("soon"), o.err());
  }

  private void expect(String yaml, String error) throws Exception {
    Path config = write(yaml);
    CliRun o = CliRun.of("check", "--config", config.toString());
    assertEquals(2, o.code(), yaml);
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().startsWith("h2harness: --config " + config + error), o.err());
  }

  private Path write(String yaml) throws Exception {
    Path p = Files.createTempFile(dir, "h2harness", ".yaml");
    Files.writeString(p, yaml);
    return p;
  }
}
