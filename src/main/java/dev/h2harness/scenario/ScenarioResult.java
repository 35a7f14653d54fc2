package dev.h2harness.scenario;

import dev.h2harness.check.Finding;
import java.util.List;

/**
 * One scenario's verdict with its findings, the reason for NOT_APPLICABLE or ERROR, and its frame log.
 * {@code cutByBudget} marks an ERROR because the whole run's budget ran out before or during it.
 */
public record ScenarioResult(Scenario scenario, Verdict verdict, String reason, List<Finding> findings,
                             List<String> frameLog, long nanos, boolean cutByBudget) {
  public ScenarioResult {
    findings = List.copyOf(findings);
    frameLog = List.copyOf(frameLog);
  }

  public ScenarioResult(Scenario scenario, Verdict verdict, String reason, List<Finding> findings, List<String> frameLog,
      long nanos) {
    this(scenario, verdict, reason, findings, frameLog, nanos, false);
  }

  /** An ERROR: the whole run's budget ran out before or during {@code scenario}. */
  static ScenarioResult cutByBudget(Scenario scenario, String reason, List<String> frameLog, long nanos) {
    return new ScenarioResult(scenario, Verdict.ERROR, reason, List.of(), frameLog, nanos, true);
  }
}
