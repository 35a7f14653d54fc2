package dev.h2harness.scenario;

import dev.h2harness.check.Finding;
import java.util.List;

/** One scenario's verdict with its findings, the reason for NOT_APPLICABLE or ERROR, and its frame log. */
public record ScenarioResult(Scenario scenario, Verdict verdict, String reason, List<Finding> findings,
                             List<String> frameLog, long nanos) {
  public ScenarioResult {
    findings = List.copyOf(findings);
    frameLog = List.copyOf(frameLog);
  }
}
