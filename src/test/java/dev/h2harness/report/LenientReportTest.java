package dev.h2harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRules;
import dev.h2harness.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lenient pass is marked as such in every report: console, JSON and JUnit. */
class LenientReportTest {
  @TempDir Path dir;

  private static RunSummary run() throws Exception {
    Scenario s = new ScenarioLoader("/", "h").load("a.yaml", """
        id: rfc9113/6.1/data-stream-zero
        title: DATA on stream 0
        requirement: "the recipient MUST respond with a connection error of type PROTOCOL_ERROR"
        steps: [{frame: {type: DATA, stream: 0, payload: "00"}}]
        outcomes: [connection-error: PROTOCOL_ERROR]
        """);
    Finding f = new Finding(ScenarioRules.CONNECTION_CLOSE_AFTER_GOAWAY, "RFC 9113 §5.4.1", 0, -1, 30,
        "the connection closed within 2000 ms after GOAWAY(PROTOCOL_ERROR)", "open",
        "expected the connection closed within 2000 ms after GOAWAY(PROTOCOL_ERROR), actual open (RFC 9113 §5.4.1)",
        Direction.FROM_TARGET);
    return new RunSummary("http://127.0.0.1:1/", List.of(
        new ScenarioResult(s, Verdict.LENIENT, "lenient: " + f.message(), List.of(f), List.of(), 1_000_000)), 2_000_000);
  }

  @Test
  void consoleMarksTheScenarioAndCountsItApart() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ConsoleReport.print(run(), new PrintStream(b, true, StandardCharsets.UTF_8), false);
    String text = b.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("~ rfc9113/6.1/data-stream-zero"), text);
    assertTrue(text.contains("lenient pass"), text);
    assertTrue(text.contains("connection.close-after-goaway"), text);
    assertTrue(text.contains("0 passed, 1 passed only as lenient"), text);
  }

  @Test
  void jsonSaysLenientWithTheRequirement() throws Exception {
    Path json = dir.resolve("r.json");
    JsonReport.write(run(), json);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(1, doc.get("summary").get("lenient").asInt());
    assertEquals(0, doc.get("summary").get("passed").asInt());
    JsonNode s = doc.get("scenarios").get(0);
    assertEquals("lenient", s.get("status").asText());
    assertTrue(s.get("reason").asText().startsWith("lenient: "));
    assertTrue(s.get("requirement").asText().contains("MUST"));
  }

  @Test
  void junitKeepsItAPassButMarksIt() throws Exception {
    Path xml = dir.resolve("r.xml");
    JUnitReport.write(run(), xml);
    String text = Files.readString(xml);
    assertTrue(text.contains("failures=\"0\""), text);
    assertTrue(text.contains("name=\"verdict\" value=\"lenient\""), text);
    assertTrue(text.contains("lenient: expected the connection closed"), text);
  }
}
