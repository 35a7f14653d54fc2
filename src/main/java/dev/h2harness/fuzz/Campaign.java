package dev.h2harness.fuzz;

import dev.h2harness.check.Finding;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import java.io.PrintStream;
import java.util.List;

/**
 * A property campaign: {@code tries} generated cases from {@code seed}, each run against the target
 * and the reference (the in-memory reference session, or a second target for a differential run)
 * and compared per stream. The first mismatch is shrunk and returned as a scenario file.
 */
public final class Campaign {
  /**
   * What a campaign found: nothing, or the shrunk case with its findings and scenario text.
   * {@code streams} counts the generated streams, each one scenario of the contract.
   */
  public record Outcome(int tried, long streams, FuzzCase failing, List<Finding> findings, String reason, String scenarioYaml,
                        long nanos) {
    public boolean passed() {
      return failing == null;
    }
  }

  private final ScenarioRunner runner;
  private final ScenarioLoader loader = new ScenarioLoader("/", "localhost");
  private final PrintStream progress;

  public Campaign(ScenarioRunner runner, PrintStream progress) {
    this.runner = runner;
    this.progress = progress;
  }

  public Outcome run(long seed, int tries, int maxStreams) {
    return run(seed, tries, maxStreams, Long.MAX_VALUE);
  }

  public Outcome run(long seed, int tries, int maxStreams, long maxBody) {
    long began = System.nanoTime();
    long streams = 0;
    CaseGenerator gen = new CaseGenerator(seed, maxStreams, maxBody);
    for (int i = 0; i < tries; i++) {
      FuzzCase c = gen.next();
      streams += c.streams().size();
      ScenarioResult r = run(c, "fuzz/seed-" + seed + "-try-" + i);
      if (progress != null && (i + 1) % 100 == 0) {
        progress.printf("fuzz: %d of %d tries passed (seed %d)%n", i + 1, tries, seed);
      }
      if (r.verdict() != Verdict.PASS) {
        if (progress != null) progress.printf("fuzz: try %d failed (%s); shrinking%n", i, summary(r));
        Shrinker shrinker = new Shrinker(x -> run(x, "fuzz/shrink").verdict() != Verdict.PASS, 500);
        FuzzCase small = shrinker.shrink(c);
        ScenarioResult last = run(small, "fuzz/shrunk");
        String id = "regressions/seed-" + seed + "-try-" + i;
        String yaml = CaseYaml.write(id, "Shrunk from fuzz seed " + seed + ", try " + i + ": " + summary(last), small);
        return new Outcome(i + 1, streams, small, last.findings(), last.reason(), yaml, System.nanoTime() - began);
      }
    }
    return new Outcome(tries, streams, null, List.of(), "", "", System.nanoTime() - began);
  }

  /** Runs one case; the scenario text goes through the loader, as a committed file would. */
  public ScenarioResult run(FuzzCase c, String id) {
    Scenario s;
    try {
      s = loader.load(id + ".yaml", CaseYaml.write(id, "generated", c));
    } catch (ScenarioException e) {
      throw new IllegalStateException("generated an unreadable scenario: " + e.getMessage(), e);
    }
    return runner.run(s);
  }

  private static String summary(ScenarioResult r) {
    if (!r.findings().isEmpty()) return r.findings().get(0).rule().id() + ": " + r.findings().get(0).message();
    return r.verdict() + (r.reason().isEmpty() ? "" : ": " + r.reason());
  }
}
