package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listen --expect-fail FILE --stack LABEL}: the same judgement as check's. The client here
 * never connects, so its one scenario is an error without any external program.
 */
class ListenExpectFailTest {
  private static final String NEVER_CONNECTS = "echo not connecting to {url} >&2; exit 7";

  @TempDir Path dir;

  private Path expectations(String stack) throws Exception {
    Path f = dir.resolve("expected.yaml");
    Files.writeString(f, "- scenario: client/generic/request-complete\n  stack: '" + stack + "'\n"
        + "  reason: known client bug\n  link: README.md#listen-interop-notes\n");
    return f;
  }

  private static CliRun listen(String... extra) {
    String[] args = {"listen", "--only", "client/generic/request-complete", "--timeout", "1", "--client-cmd",
        NEVER_CONNECTS};
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  void expectedFailureOfTheStackKeepsExitZero() throws Exception {
    assertEquals(1, listen().code(), "fails without the file");
    CliRun o = listen("--expect-fail", expectations("shell/*").toString(), "--stack", "shell/h2c/small");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("client/generic/request-complete: known client bug (README.md#listen-interop-notes)"),
        o.out());
  }

  @Test
  void entryForAnotherStackDoesNotApply() throws Exception {
    CliRun o = listen("--expect-fail", expectations("curl/*").toString(), "--stack", "shell/h2c/small");
    assertEquals(1, o.code(), o.out());
  }

  @Test
  void badFileIsUsageErrorBeforeAnyClientRuns() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "- scenario: x\n  stack: '*'\n");
    CliRun o = listen("--expect-fail", f.toString());
    assertEquals(2, o.code());
    assertEquals("h2harness listen: " + f + ": entry 1: missing 'reason'", o.err().strip());
    assertTrue(o.out().isEmpty(), o.out());
  }
}
