package dev.h2harness.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a cell is judged green and how the matrix page links each failure to its explanation. */
class MatrixReportTest {
  private static MatrixCell cell(List<MatrixCell.Failure> failures, List<String> fixed, int exit, String couldNotRun) {
    return new MatrixCell("node", "Node.js http2", "20.20.2", "server", "h2c", "small", 2000, 12,
        failures.size(), 0, 0, 3.2, exit, failures, fixed, couldNotRun, null);
  }

  private static final MatrixCell.Failure EXPECTED = new MatrixCell.Failure("generic/data-on-stream-zero-is-goaway",
      "failed", "connection.close-after-goaway (RFC 9113 §5.4.1): actual open", "keeps the connection open",
      "docs/interop.md#node-goaway-open");
  private static final MatrixCell.Failure UNEXPECTED = new MatrixCell.Failure("generic/ping", "failed",
      "timeout: no PING ACK | within 2000 ms", null, null);

  @Test
  void expectedFailureIsGreenAndLinksToItsAnchor() {
    MatrixCell c = cell(List.of(EXPECTED), List.of(), 0, null);
    assertTrue(c.green());
    assertEquals("", c.problems());
    String md = MatrixReport.markdown(List.of(c), List.of(), "### <a id=\"node-goaway-open\"></a>x", "now");
    assertTrue(md.contains("| Node.js http2 | 20.20.2 | server | h2c | small | 12 | 1 | 0 | 0 | 3.2 | expected: "
        + "[generic/data-on-stream-zero-is-goaway](#node-goaway-open) |"), md);
    assertTrue(md.contains("expected: keeps the connection open ([explanation](#node-goaway-open))"), md);
    assertTrue(md.endsWith("### <a id=\"node-goaway-open\"></a>x\n"), md);
  }

  @Test
  void unexpectedFailureIsRedAndMarkedUnexplained() {
    MatrixCell c = cell(List.of(EXPECTED, UNEXPECTED), List.of(), 1, null);
    assertFalse(c.green());
    assertTrue(c.problems().contains("unexpected failed generic/ping"), c.problems());
    String md = MatrixReport.markdown(List.of(c), List.of(), "", "now");
    assertTrue(md.contains("**unexpected: generic/ping**"), md);
    assertTrue(md.contains("no PING ACK \\| within"), "a | in a finding does not break the table: " + md);
    assertTrue(md.contains("**not explained**"), md);
  }

  @Test
  void fixedTargetAndCouldNotRunAreRed() {
    MatrixCell fixed = cell(List.of(), List.of("generic/data-on-stream-zero-is-goaway"), 1, null);
    assertFalse(fixed.green());
    assertTrue(fixed.problems().contains("the target was fixed, remove the entry"), fixed.problems());
    assertTrue(MatrixReport.markdown(List.of(fixed), List.of(), "", "now")
        .contains("**fixed: generic/data-on-stream-zero-is-goaway** (remove the entry)"));
    MatrixCell down = cell(List.of(), List.of(), 3, "node did not start listening within 20 s");
    assertFalse(down.green());
    assertEquals("node/h2c/small: could not run: node did not start listening within 20 s", down.problems());
  }

  @Test
  void aDeclaredCrashIsReportedWithTheRerun() {
    MatrixCell c = cell(List.of(EXPECTED), List.of(), 0, null).withCrash("exit 139 (signal 11)");
    assertTrue(c.green(), "the rerun decides");
    String md = MatrixReport.markdown(List.of(c), List.of(), "", "now");
    assertTrue(md.contains("server crashed (exit 139 (signal 11)), [rerun](#server-crash)"), md);
    assertTrue(md.contains("the server crashed (exit 139 (signal 11)) during the first run"), md);
  }

  @Test
  void skippedStacksAreNamed() {
    assertTrue(MatrixReport.markdown(List.of(), List.of("h2o: h2o is not on PATH"), "", "now")
        .contains("Not run here: h2o: h2o is not on PATH"));
  }
}
