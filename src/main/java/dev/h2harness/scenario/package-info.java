/**
 * Scenarios: declarative YAML files (what the peer does, what it expects), the built-in catalogue,
 * and the runner that plays a scenario against a target — and, for control-header scenarios,
 * against the in-memory reference server first, whose bytes are the expectation (the oracle).
 * {@link dev.h2harness.scenario.RootCause} orders a run's findings root cause first;
 * {@link dev.h2harness.scenario.CatalogueRun} runs a list of scenarios at once within one budget.
 */
package dev.h2harness.scenario;
