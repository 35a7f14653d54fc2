package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.DataFrameSummary;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.peer.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The oracle held to an expectation of its own: what the in-memory reference session does in every
 * control scenario of the catalogue (each stream's status, DATA frames with padding, ending and
 * trailers, the send-data returns of its call log, the connection's GOAWAY) is compared with a
 * reviewed golden summary, {@code src/test/resources/golden/reference-catalogue.txt}. A scenario
 * run compares the target with the oracle; this test is what catches the oracle itself drifting.
 * After an intended change, {@code -Dh2harness.writeGolden=true} rewrites the file for review.
 */
class ReferenceGoldenTest {
  private static final Path GOLDEN = Path.of(System.getProperty("h2harness.projectRoot", "."))
      .resolve("src/test/resources/golden/reference-catalogue.txt");

  @Test
  void theReferenceSessionDoesWhatTheGoldenSummarySays() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(ScenarioRunner.IN_MEMORY_REFERENCE, 2000, false);
    Map<String, String> got = new TreeMap<>();
    for (Scenario s : CatalogueTest.catalogue()) {
      if (!s.control() || s.clientRole()) continue;
      try (Transport t = ScenarioRunner.IN_MEMORY_REFERENCE.connect()) {
        got.put(s.id(), summary(runner.play(s, t, ScenarioRunner.IN_MEMORY_REFERENCE, false, runner.budgetMillis())));
      }
    }
    if (Boolean.getBoolean("h2harness.writeGolden")) {
      Files.createDirectories(GOLDEN.getParent());
      StringBuilder out = new StringBuilder();
      got.forEach((id, line) -> out.append(id).append(' ').append(line).append('\n'));
      Files.writeString(GOLDEN, out.toString(), StandardCharsets.UTF_8);
    }
    Map<String, String> want = read(GOLDEN);
    List<String> differences = new ArrayList<>();
    for (String id : union(want, got)) {
      String w = want.get(id);
      String g = got.get(id);
      if (w == null || !w.equals(g)) differences.add(id + "\n  golden:    " + w + "\n  reference: " + g);
    }
    assertEquals(List.of(), differences, "the reference session differs from " + GOLDEN);
    assertTrue(got.size() >= 40, "only " + got.size() + " control scenarios");
    System.out.println("ReferenceGoldenTest: " + got.size() + " control scenarios match the golden summary");
  }

  @Test
  void aSummaryNamesEveryAspectItCompares() throws Exception {
    // The summary must be able to differ: one stream's frames, padding, ending and returns are all in it.
    Scenario s = CatalogueTest.catalogue().stream().filter(x -> x.id().equals("padding/pad-2-small-body")).findFirst()
        .orElseThrow();
    ScenarioRunner runner = new ScenarioRunner(ScenarioRunner.IN_MEMORY_REFERENCE, 2000, false);
    try (Transport t = ScenarioRunner.IN_MEMORY_REFERENCE.connect()) {
      String line = summary(runner.play(s, t, ScenarioRunner.IN_MEMORY_REFERENCE, false, runner.budgetMillis()));
      assertTrue(line.matches("1:200 data=\\[1[0-2]p[12]E] returns=\\[0] open"), line);
    }
  }

  /**
   * One line: per stream {@code id:status data=[len(pPAD)(E)...] (reset=CODE) (trailers)
   * returns=[...]}, then {@code open}, {@code closed} or {@code goaway=CODE}. Runs of equal frames
   * are written once with {@code xN}.
   */
  static String summary(ScenarioRunner.Run run) throws IOException {
    ConnectionModel m = run.model();
    StringBuilder b = new StringBuilder();
    List<StreamView> streams = new ArrayList<>(m.streams());
    streams.sort(Comparator.comparingInt(StreamView::id));
    for (StreamView v : streams) {
      if (isLogStream(run, v.id())) continue;
      b.append(v.id()).append(':').append(v.status() < 0 ? "-" : Integer.toString(v.status()));
      b.append(" data=").append(frames(v));
      if (v.targetResetCode() >= 0) b.append(" reset=").append(ErrorCode.nameOf(v.targetResetCode()));
      if (!v.trailers().isEmpty()) b.append(" trailers");
      String log = run.callLogs().get(v.id());
      if (log != null) b.append(" returns=").append(returns(log));
      b.append(' ');
    }
    b.append(m.goAwayFromTarget().map(g -> "goaway=" + ErrorCode.nameOf(g.errorCode()))
        .orElse(m.connectionClosed() ? "closed" : "open"));
    return b.toString();
  }

  /** The streams the harness opened to fetch call logs are not the scenario's. */
  private static boolean isLogStream(ScenarioRunner.Run run, int id) {
    StreamView v = run.model().stream(id);
    return v.requestHeaders().stream().anyMatch(f -> f.name().equals(":path") && f.value().startsWith("/h2h/log"));
  }

  private static String frames(StreamView v) {
    List<String> tokens = new ArrayList<>();
    for (DataFrameSummary d : v.dataFrames()) {
      tokens.add(d.length() + (d.padlen() > 0 ? "p" + d.padlen() : "") + (Flags.has(d.flags(), Flags.END_STREAM) ? "E" : ""));
    }
    if (v.dataFrameCount() > tokens.size()) tokens.add("...+" + (v.dataFrameCount() - tokens.size()));
    return runs(tokens);
  }

  private static String returns(String log) throws IOException {
    List<String> tokens = new ArrayList<>();
    JsonNode calls = new ObjectMapper().readTree(log).path("calls");
    for (JsonNode c : calls) tokens.add(c.path("returned").asText());
    return runs(tokens);
  }

  private static String runs(List<String> tokens) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < tokens.size(); ) {
      int j = i;
      while (j < tokens.size() && tokens.get(j).equals(tokens.get(i))) j++;
      if (b.length() > 1) b.append(',');
      b.append(tokens.get(i));
      if (j - i > 1) b.append('x').append(j - i);
      i = j;
    }
    return b.append(']').toString();
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(file)) return out;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      int sp = line.indexOf(' ');
      out.put(line.substring(0, sp), line.substring(sp + 1));
    }
    return out;
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    return List.copyOf(ids);
  }
}
