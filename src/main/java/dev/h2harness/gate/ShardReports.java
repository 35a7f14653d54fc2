package dev.h2harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.Expectations;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRules;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON reports of a run's shards read back and combined into the one summary the unsharded run
 * would have made: scenarios in id order (the catalogue's order), the longest shard's time (shards
 * run side by side). A scenario in two reports is a mistake (the same shard given twice).
 */
public final class ShardReports {
  private ShardReports() {}

  /** Thrown for an unreadable report or a scenario in two reports; the message is one line naming the file. */
  public static final class BadReport extends Exception {
    private static final long serialVersionUID = 1L;

    BadReport(String message) {
      super(message);
    }
  }

  public static RunSummary merge(List<Path> files) throws BadReport {
    List<ScenarioResult> results = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    Set<String> targets = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    double seconds = 0;
    for (Path file : files) {
      JsonNode doc;
      try {
        doc = new ObjectMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new BadReport(file + ": not a JSON report: " + firstLine(e.getMessage()));
      }
      JsonNode summary = doc == null ? null : doc.get("summary");
      JsonNode scenarios = doc == null ? null : doc.get("scenarios");
      if (summary == null || scenarios == null || !scenarios.isArray()) {
        throw new BadReport(file + ": not a check --json report (no summary and scenarios)");
      }
      targets.add(summary.path("target").asText(""));
      if (summary.hasNonNull("note")) notes.add(summary.get("note").asText());
      seconds = Math.max(seconds, summary.path("seconds").asDouble());
      for (JsonNode s : scenarios) {
        ScenarioResult r = result(file, s);
        Path before = seen.putIfAbsent(r.scenario().id(), file);
        if (before != null) {
          throw new BadReport(file + ": scenario " + r.scenario().id() + " is also in " + before
              + " (the same shard twice?)");
        }
        results.add(r);
      }
    }
    results.sort(Comparator.comparing(r -> r.scenario().id()));
    targets.remove("");
    return new RunSummary(String.join(", ", targets), results, (long) (seconds * 1e9), String.join("; ", notes));
  }

  private static ScenarioResult result(Path file, JsonNode s) throws BadReport {
    String id = s.path("id").asText("");
    if (id.isEmpty()) throw new BadReport(file + ": a scenario without an id");
    Verdict verdict = switch (s.path("status").asText("")) {
      case "passed" -> Verdict.PASS;
      case "lenient" -> Verdict.LENIENT;
      case "failed" -> Verdict.FAIL;
      case "notApplicable" -> Verdict.NOT_APPLICABLE;
      case "error" -> Verdict.ERROR;
      default -> throw new BadReport(file + ": scenario " + id + " has an unknown status \"" + s.path("status").asText() + "\"");
    };
    Scenario scenario = new Scenario(id, s.path("title").asText(""), s.path("topic").asText(""),
        s.path("covers").asText(""), false, List.of(), FlowPolicy.manual(), true, List.of(), Expectations.NONE,
        file.toString());
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : s.path("findings")) {
      Direction d = "TO_TARGET".equals(f.path("direction").asText()) ? Direction.TO_TARGET : Direction.FROM_TARGET;
      findings.add(new Finding(ScenarioRules.parse(f.path("rule").asText()), f.path("section").asText(), f.path("stream").asInt(),
          f.path("frame").asInt(-1), f.path("offset").asLong(), f.path("expected").asText(),
          f.path("actual").asText(), f.path("message").asText(), d));
    }
    if (verdict == Verdict.FAIL && findings.isEmpty()) {
      throw new BadReport(file + ": scenario " + id + " failed without findings");
    }
    return new ScenarioResult(scenario, verdict, s.path("reason").asText(""), findings, List.of(),
        (long) (s.path("seconds").asDouble() * 1e9));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
