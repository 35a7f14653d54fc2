package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --expect-fail FILE --stack LABEL} against the embedded reference server. */
class ExpectFailOptionTest {
  @TempDir Path dir;

  /** A scenario that fails against any correct server: it expects a reset the server never sends. */
  private Path failingScenario() throws Exception {
    Path f = dir.resolve("wants-reset.yaml");
    Files.writeString(f, """
        id: local/wants-reset
        title: "expects a reset that a correct server never sends"
        covers: RFC 9113 §8.1
        steps:
          - request: {stream: 1}
          - wait: 1
        expect:
          streams:
            1: {end: reset}
        """);
    return f;
  }

  private Path expectations(String scenario, String stack) throws Exception {
    Path f = dir.resolve("expected.yaml");
    Files.writeString(f, "- scenario: " + scenario + "\n  stack: '" + stack + "'\n  reason: known bug\n"
        + "  link: docs/interop.md#known\n");
    return f;
  }

  @Test
  void expectedFailureKeepsExitZeroAndIsReported() throws Exception {
    Path s = failingScenario();
    assertEquals(1, CliRun.of("check", "--scenarios", s.toString()).code(), "fails without the file");
    CliRun o = CliRun.of("check", "--scenarios", s.toString(), "--expect-fail",
        expectations("local/wants-reset", "embedded/*").toString(), "--stack", "embedded/h2c");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("1 expected failures"), o.out());
    assertTrue(o.out().contains("local/wants-reset: known bug (docs/interop.md#known)"), o.out());
  }

  @Test
  void entryForAnotherStackDoesNotApply() throws Exception {
    CliRun o = CliRun.of("check", "--scenarios", failingScenario().toString(), "--expect-fail",
        expectations("local/wants-reset", "nginx/*").toString(), "--stack", "embedded/h2c");
    assertEquals(1, o.code(), o.out());
  }

  @Test
  void expectedFailureThatPassesIsExitOne() throws Exception {
    CliRun o = CliRun.of("check", "--only", "generic/plain-get", "--expect-fail",
        expectations("generic/plain-get", "*").toString());
    assertEquals(1, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("expected to fail but passed: generic/plain-get: the target was fixed: remove the entry"),
        o.out());
  }

  @Test
  void badExpectationsFileIsUsageErrorTwoInOneLine() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "- scenario: x\n  stack: '*'\n");
    CliRun o = CliRun.of("check", "--only", "generic/plain-get", "--expect-fail", f.toString());
    assertEquals(2, o.code());
    assertEquals("h2harness check: " + f + ": entry 1: missing 'reason'", o.err().strip());
  }
}
