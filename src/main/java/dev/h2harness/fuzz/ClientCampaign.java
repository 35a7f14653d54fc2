package dev.h2harness.fuzz;

import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * A property campaign in the client role ({@code fuzz --role client}): generated uploads, each one
 * client control scenario judged by {@code judge} (a cooperating client run against {@code listen}'s
 * runner and compared with the reference client). The first mismatch is shrunk to a scenario file.
 */
public final class ClientCampaign {
  private final Function<Scenario, ScenarioResult> judge;
  private final ScenarioLoader loader = new ScenarioLoader("/", "h2harness");
  private final PrintStream progress;

  public ClientCampaign(Function<Scenario, ScenarioResult> judge, PrintStream progress) {
    this.judge = judge;
    this.progress = progress;
  }

  public Campaign.Outcome run(long seed, int tries, long maxBody) {
    long began = System.nanoTime();
    CaseGenerator gen = new CaseGenerator(seed, 1, maxBody);
    for (int i = 0; i < tries; i++) {
      FuzzCase c = gen.next();
      ScenarioResult r = run(c, "client/fuzz/seed-" + seed + "-try-" + i);
      if (progress != null && (i + 1) % 100 == 0) {
        progress.printf("fuzz: %d of %d tries passed (seed %d)%n", i + 1, tries, seed);
      }
      if (r.verdict() != Verdict.PASS) {
        if (progress != null) progress.printf("fuzz: try %d failed; shrinking%n", i);
        FuzzCase small = new Shrinker(x -> run(x, "client/fuzz/shrink").verdict() != Verdict.PASS, 200).shrink(c);
        ScenarioResult last = run(small, "client/fuzz/shrunk");
        String id = "client/regressions/seed-" + seed + "-try-" + i;
        String yaml = CaseYaml.writeClient(id, "Shrunk from client fuzz seed " + seed + ", try " + i, small);
        return new Campaign.Outcome(i + 1, i + 1, small, last.findings(), last.reason(), yaml, System.nanoTime() - began);
      }
    }
    return new Campaign.Outcome(tries, tries, null, List.of(), "", "", System.nanoTime() - began);
  }

  /** Runs one case; the scenario text goes through the loader, as a committed file would. */
  public ScenarioResult run(FuzzCase c, String id) {
    Scenario s;
    try {
      s = loader.load(id + ".yaml", CaseYaml.writeClient(id, "generated", c));
    } catch (ScenarioException e) {
      throw new IllegalStateException("generated an unreadable client scenario: " + e.getMessage(), e);
    }
    return judge.apply(s);
  }
}
