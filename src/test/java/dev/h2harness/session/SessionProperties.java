package dev.h2harness.session;

import dev.h2harness.session.ScenarioRun.Scenario;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * contract §1–2 as properties of the reference session: generated bodies, read chunks, padding
 * choices, peer SETTINGS, WINDOW_UPDATE schedules, 1–4 streams and scripted sendData returns,
 * driven by an in-memory client ({@link ScenarioRun}) and checked from the captured bytes and
 * callback log ({@link TraceChecks}).
 */
class SessionProperties {
  @Provide
  Arbitrary<Scenario> scenarios() {
    return SessionScenarios.scenarios();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.FULL)
  void everyDataFrameIsLaidOutAsContracted(@ForAll("scenarios") Scenario scenario) {
    new TraceChecks(ScenarioRun.run(scenario)).dataFramesAreLaidOutAsContracted();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.FULL)
  void paddingStaysWithinTheAllowedRange(@ForAll("scenarios") Scenario scenario) {
    new TraceChecks(ScenarioRun.run(scenario)).paddingStaysInRange();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.FULL)
  void windowsAreNeverExceededPaddingIncluded(@ForAll("scenarios") Scenario scenario) {
    new TraceChecks(ScenarioRun.run(scenario)).windowsAreNeverExceeded();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.FULL)
  void bodiesArriveExactlyOnceInOrderOrAsAPrefixWhenCut(@ForAll("scenarios") Scenario scenario) {
    ScenarioRun.Trace trace = ScenarioRun.run(scenario);
    Statistics.label("run ended").collect(trace.fatal() != 0 ? "fatal" : "normally");
    new TraceChecks(trace).bodiesArriveOnceAndInOrder();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.FULL)
  void eachSendDataReturnValueHasItsContractedOutcome(@ForAll("scenarios") Scenario scenario) {
    new TraceChecks(ScenarioRun.run(scenario)).returnValuesHaveTheirOutcomes();
  }
}
