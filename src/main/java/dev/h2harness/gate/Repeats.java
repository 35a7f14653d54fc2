package dev.h2harness.gate;

import dev.h2harness.check.Finding;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The runs of {@code --repeat N} folded into one result per scenario, and the scenarios whose
 * outcome changed between runs. An outcome is the verdict and the set of rules found: offsets and
 * timings may move from run to run without making a scenario flaky, a different verdict or rule does.
 */
public record Repeats(List<ScenarioResult> results, List<Flake> flakes) {
  /** A scenario whose outcome changed: each distinct outcome with how often it came and its first result. */
  public record Flake(String id, int runs, List<Outcome> outcomes) {
    public String describe() {
      return id + ": " + outcomes.stream().map(o -> o.times() + "× " + o.key()).collect(Collectors.joining(", "))
          + " in " + runs + " runs";
    }
  }

  /** One outcome of a flaky scenario: its key, how many runs gave it, the first run that did (from 1). */
  public record Outcome(String key, int times, int firstRun, ScenarioResult first) {}

  /**
   * Folds {@code runs} (each the results of one run, every run over the same scenarios in the same
   * order). The folded result of a scenario is the first that did not pass, else the first.
   */
  public static Repeats of(List<List<ScenarioResult>> runs) {
    List<ScenarioResult> folded = new ArrayList<>();
    List<Flake> flakes = new ArrayList<>();
    int scenarios = runs.get(0).size();
    for (int i = 0; i < scenarios; i++) {
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      ScenarioResult pick = null;
      for (int run = 0; run < runs.size(); run++) {
        ScenarioResult r = runs.get(run).get(i);
        if (pick == null || pick.verdict() == Verdict.PASS && r.verdict() != Verdict.PASS) pick = r;
        int n = run + 1;
        outcomes.merge(key(r), new Outcome(key(r), 1, n, r),
            (a, b) -> new Outcome(a.key(), a.times() + 1, a.firstRun(), a.first()));
      }
      folded.add(pick);
      if (outcomes.size() > 1) {
        flakes.add(new Flake(pick.scenario().id(), runs.size(), List.copyOf(outcomes.values())));
      }
    }
    return new Repeats(folded, flakes);
  }

  /** The verdict, with the rules found when there are any: {@code failed [padding.nonzero]}. */
  static String key(ScenarioResult r) {
    String verdict = switch (r.verdict()) {
      case PASS -> "passed";
      case LENIENT -> "lenient";
      case FAIL -> "failed";
      case NOT_APPLICABLE -> "not applicable";
      case ERROR -> "error";
    };
    TreeSet<String> rules = r.findings().stream().map(f -> f.rule().id()).collect(Collectors.toCollection(TreeSet::new));
    return rules.isEmpty() ? verdict : verdict + " " + rules;
  }
}
