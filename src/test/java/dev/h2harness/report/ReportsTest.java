package dev.h2harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
  @TempDir Path dir;

  private static RunSummary run() throws Exception {
    ScenarioLoader loader = new ScenarioLoader("/", "h");
    Scenario a = loader.load("a.yaml", "id: padding/a\ntitle: A\ncovers: contract §1.3\nsteps: [ping]\n");
    Scenario b = loader.load("b.yaml", "id: generic/b\ntitle: B <&>\ncovers: RFC 9113 §6.1\nsteps: [ping]\n");
    Scenario c = loader.load("c.yaml", "id: padding/c\ntitle: C\ncovers: contract §4\ncontrol: true\nsteps: [ping]\n");
    Finding f = new Finding(Rules.DATA_PADDING_NONZERO, "RFC 9113 §6.1", 1, 4, 1234, "0x00", "0x07",
        "padding octet 3 is 0x07", Direction.FROM_TARGET);
    return new RunSummary("http://127.0.0.1:1/", List.of(
        new ScenarioResult(a, Verdict.PASS, "", List.of(), List.of("<- DATA"), 1_000_000),
        new ScenarioResult(b, Verdict.FAIL, "", List.of(f), List.of(), 2_000_000),
        new ScenarioResult(c, Verdict.NOT_APPLICABLE, "no h2h-version", List.of(), List.of(), 3_000_000)), 6_000_000);
  }

  @Test
  void junitXmlHasAClassnameAndANameOnEveryTestcase() throws Exception {
    Path file = dir.resolve("r.xml");
    JUnitReport.write(run(), file);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = doc.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    for (int i = 0; i < cases.getLength(); i++) {
      Element tc = (Element) cases.item(i);
      assertFalse(tc.getAttribute("classname").isEmpty());
      assertFalse(tc.getAttribute("name").isEmpty());
      assertTrue(tc.getAttribute("time").matches("\\d+\\.\\d{3}"));
    }
    // Surefire's test-report schema (3.0): required attributes, and each testcase's children in
    // the order failure*, skipped?, error?, system-out?.
    for (String attr : List.of("name", "tests", "errors", "skipped", "failures")) {
      assertFalse(suite.getAttribute(attr).isEmpty(), attr);
    }
    java.util.List<String> order = List.of("failure", "skipped", "error", "system-out", "system-err");
    for (int i = 0; i < cases.getLength(); i++) {
      int last = -1;
      for (org.w3c.dom.Node n = cases.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
        if (!(n instanceof Element e)) continue;
        int at = order.indexOf(e.getTagName());
        assertTrue(at >= last, "child order in testcase " + i + ": " + e.getTagName());
        last = at;
        if (List.of("failure", "error").contains(e.getTagName())) assertFalse(e.getAttribute("type").isEmpty());
      }
    }
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("data.padding.nonzero", failure.getAttribute("type"));
    assertTrue(failure.getTextContent().contains("at byte 1234"));
    assertEquals("h2harness.generic", ((Element) failure.getParentNode()).getAttribute("classname"));
    assertTrue(((Element) doc.getElementsByTagName("skipped").item(0)).getAttribute("message").contains("no h2h-version"));
  }

  @Test
  void jsonHasTheSummaryAndFindingsFields() throws Exception {
    Path file = dir.resolve("r.json");
    JsonReport.write(run(), file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode summary = root.get("summary");
    assertEquals(1, summary.get("passed").asInt());
    assertEquals(1, summary.get("failed").asInt());
    assertEquals(1, summary.get("notApplicable").asInt());
    assertEquals(0, summary.get("errors").asInt());
    JsonNode b = root.get("scenarios").get(1);
    assertEquals("generic/b", b.get("id").asText());
    assertEquals("failed", b.get("status").asText());
    JsonNode f = b.get("findings").get(0);
    for (String field : List.of("rule", "section", "stream", "frame", "offset", "message")) {
      assertTrue(f.has(field), field);
    }
    assertEquals(1234, f.get("offset").asLong());
    assertEquals("notApplicable", root.get("scenarios").get(2).get("status").asText());
  }

  @Test
  void consoleTreeMarksEachVerdictAndTotals() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ConsoleReport.print(run(), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), false);
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("  ✔ padding/a: A"));
    assertTrue(text.contains("  × generic/b: B <&>"));
    assertTrue(text.contains("      data.padding.nonzero (RFC 9113 §6.1) stream 1 frame #4 at byte 1234"));
    assertTrue(text.contains("  – padding/c: C"));
    assertTrue(text.contains("3 scenarios: 1 passed, 1 failed, 1 not applicable, 0 errors"));
  }
}
