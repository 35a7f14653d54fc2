/**
 * Scenarios: declarative YAML files (what the peer does, what it expects), the built-in catalogue,
 * and the runner that plays a scenario against a target — and, for control-header scenarios,
 * against the in-memory reference server first, whose bytes are the expectation (the oracle).
 * {@link dev.h2harness.scenario.RootCause} orders a run's findings root cause first;
 * {@link dev.h2harness.scenario.CatalogueRun} runs a list of scenarios at once within one budget.
 * Client scenarios ({@code role: client}) are judged one connection each by
 * {@link dev.h2harness.scenario.ListenRunner}, against the in-memory reference client as oracle.
 *
 * <p>It owns what the control headers mean to the checks: a request step carries its typed
 * {@link dev.h2harness.control.ControlHeaders}, and {@link dev.h2harness.scenario.ControlBodies}
 * tells the connection model from them what body each request asked for. The findings only a
 * scenario establishes (timeouts, unexpected closes, the oracle comparison, {@code expect:}) are
 * reported under {@link dev.h2harness.scenario.ScenarioRules}, an enum of typed
 * {@code check.RuleId}s; {@link dev.h2harness.scenario.ScenarioRules#parse} reads an id back from a
 * saved report (one this build does not define is kept as written). How the target ended a stream
 * is {@link dev.h2harness.scenario.StreamEnd#of}, read by {@code expect:} and the oracle comparison.
 *
 * <p>It owns the verdict of a scenario and why: it reads the peer's typed
 * {@link dev.h2harness.peer.StepFailure} (not applicable, kept open) and a
 * {@link dev.h2harness.scenario.ScenarioResult}'s {@code cutByBudget} flag, never message prefixes;
 * an {@code expect:} block's values are enums ({@link dev.h2harness.scenario.StreamEnd},
 * {@link dev.h2harness.scenario.ConnectionEnd}). It must not re-decide a protocol rule: frame facts
 * come from {@code frame}, findings from {@code check}; sockets stay in {@code peer} and {@code server}.
 */
package dev.h2harness.scenario;
