package dev.h2harness.report;

import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.util.List;

/**
 * The results of one {@code check} run, with the target (its URL with the generic path), how long
 * it took, and a note on how the run ended when it stopped early ("" otherwise).
 */
public record RunSummary(String target, List<ScenarioResult> results, long nanos, String note) {
  public RunSummary {
    results = List.copyOf(results);
  }

  public RunSummary(String target, List<ScenarioResult> results, long nanos) {
    this(target, results, nanos, "");
  }

  public long count(Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }

  /** 0 when every applicable scenario passed, 1 otherwise (README: exit codes). */
  public int exitCode() {
    return count(Verdict.FAIL) + count(Verdict.ERROR) > 0 ? 1 : 0;
  }
}
