package dev.h2harness.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityMainTest {
  private static final String DOC = """
      | h2spec case | h2spec title | scenario(s) | old |
      |---|---|---|---|
      | `http2/5.1/1` | idle DATA | `rfc9113/5.1/data-on-idle` | pass / pass |
      | `http2/5.1/2` | closed stream | `rfc9113/5.1/a`, `rfc9113/5.1/b` | pass / pass |
      | `http2/6.5.3/1` | settings ack | `rfc9113/6.5.3/ack` | pass / pass |
      | `hpack/2.3/1` | skipped by h2spec | `rfc9113/4.3/na` | pass / pass |
      """;

  private static final String H2SPEC = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites>
        <testsuite name="5.1. Stream States" package="http2/5.1" id="5.1" tests="2">
          <testcase package="http2/5.1" classname="idle DATA" time="0.1"></testcase>
          <testcase package="http2/5.1" classname="closed stream" time="0.1">
            <failure message="">Expected: GOAWAY Frame (Error Code: STREAM_CLOSED) Actual: Timeout</failure>
          </testcase>
        </testsuite>
        <testsuite name="6.5.3" package="http2/6.5.3" id="6.5.3" tests="1">
          <testcase package="http2/6.5.3" classname="settings ack" time="0.1"><system-out>opaque_data:h2spec\0\0</system-out></testcase>
        </testsuite>
        <testsuite name="2.3" package="hpack/2.3" id="2.3" tests="1">
          <testcase package="hpack/2.3" classname="skipped" time="0"><skipped message="not supported"/></testcase>
        </testsuite>
      </testsuites>
      """;

  private static final String JSON = """
      {"summary": {"passed": 3}, "scenarios": [
        {"id": "rfc9113/5.1/data-on-idle", "status": "passed", "findings": []},
        {"id": "rfc9113/5.1/a", "status": "passed", "findings": []},
        {"id": "rfc9113/5.1/b", "status": "passed", "findings": []},
        {"id": "rfc9113/6.5.3/ack", "status": "failed",
         "findings": [{"message": "expected SETTINGS ACK, actual none"}]},
        {"id": "rfc9113/4.3/na", "status": "notApplicable", "reason": "client only", "findings": []},
        {"id": "rfc9113/8.2.1/extra", "status": "failed", "findings": [{"message": "answered 200"}]}
      ]}
      """;

  @Test
  void comparesCaseByCaseThroughTheMapping(@TempDir Path dir) throws Exception {
    Path doc = Files.writeString(dir.resolve("map.md"), DOC);
    Path xml = Files.writeString(dir.resolve("h2spec.xml"), H2SPEC);
    Path json = Files.writeString(dir.resolve("h2harness.json"), JSON);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = ParityMain.run(new String[] {"compare", doc.toString(), xml.toString(), json.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    assertTrue(text.contains("h2spec: 4 cases: 2 passed, 1 skipped, 1 failed"), text);
    assertTrue(text.contains("h2harness rfc9113/: 6 scenarios: 3 passed, 2 failed, 1 not applicable"), text);
    // 5.1/1 both pass, hpack/2.3/1 skipped vs not applicable: agree; 5.1/2 and 6.5.3/1 disagree.
    assertTrue(text.contains("agreeing: 2 of 4 cases"), text);
    assertTrue(text.contains("disagree http2/5.1/2 (closed stream): h2spec failed (Expected: GOAWAY Frame"), text);
    assertTrue(text.contains("disagree http2/6.5.3/1 (settings ack): h2spec passed / h2harness failed "
        + "(rfc9113/6.5.3/ack failed: expected SETTINGS ACK, actual none)"), text);
    assertTrue(text.contains("outside the mapping: rfc9113/8.2.1/extra failed: answered 200"), text);
  }

  @Test
  void aMissingReportIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path doc = Files.writeString(dir.resolve("map.md"), DOC);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ParityMain.run(new String[] {"compare", doc.toString(), dir.resolve("none.xml").toString(),
        dir.resolve("none.json").toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals("parity: no such file: " + dir.resolve("none.xml") + "\n", err.toString(StandardCharsets.UTF_8));
  }

  /** parity.sh reads the mapping from the doc itself: all 146 cases, none without a scenario. */
  @Test
  void theRealMappingDocReadsAs146Cases() throws Exception {
    CaseMapping m = CaseMapping.read(External.projectRoot().resolve("docs/h2spec-mapping.md"));
    assertEquals(146, m.rows().size());
    m.rows().values().forEach(r -> assertTrue(!r.scenarios().isEmpty(), r.h2specCase()));
  }
}
