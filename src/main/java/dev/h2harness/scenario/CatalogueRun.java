package dev.h2harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a list of scenarios, {@code jobs} at a time, each on its own connection, within one budget
 * for the whole run. Results come back in the list's order whatever order they finish in; each
 * scenario's verdict depends only on its own connection, so running them at once changes no
 * verdict. A scenario the budget does not reach is reported as not run, and the note says so.
 */
public record CatalogueRun(List<ScenarioResult> results, String note) {
  public static CatalogueRun of(ScenarioRunner runner, List<Scenario> scenarios, int jobs, long budgetMillis) {
    long deadline = System.nanoTime() + budgetMillis * 1_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "h2harness-scenario");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ScenarioResult>> futures = new ArrayList<>(java.util.Collections.nCopies(scenarios.size(), null));
      // Attack scenarios take longest: they start first so that the run does not wait on them at the end.
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < scenarios.size(); i++) if (scenarios.get(i).attack()) order.add(i);
      for (int i = 0; i < scenarios.size(); i++) if (!scenarios.get(i).attack()) order.add(i);
      for (int index : order) {
        Scenario s = scenarios.get(index);
        futures.set(index, pool.submit(() -> {
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            return ScenarioResult.cutByBudget(s, "not run: the run's budget of " + budgetMillis / 1000.0
                + " s was spent", List.of(), 0);
          }
          return runner.run(s, (int) Math.min(left, runner.budgetMillis()));
        }));
      }
      List<ScenarioResult> results = new ArrayList<>();
      for (Future<ScenarioResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a scenario run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      long cut = results.stream().filter(ScenarioResult::cutByBudget).count();
      String note = cut == 0 ? "" : "stopped early: the run's budget of " + budgetMillis / 1000.0 + " s was spent; "
          + cut + " scenario" + (cut == 1 ? "" : "s") + " not run or not completed";
      return new CatalogueRun(results, note);
    } finally {
      pool.shutdownNow();
    }
  }
}
