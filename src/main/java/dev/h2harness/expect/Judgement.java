package dev.h2harness.expect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A run judged with an expectations file: the failures it expected, the entries whose scenario
 * passed (the target was fixed; an intermittent entry's pass is not), and how many failures no
 * entry covers.
 */
public record Judgement(Path file, List<Expected> expected, List<Fixed> fixed, int unexpectedFailures) {
  public Judgement {
    expected = List.copyOf(expected);
    fixed = List.copyOf(fixed);
  }

  /** A failure an entry declares. */
  public record Expected(String scenarioId, ExpectedFailure entry) {}

  /** A scenario an entry declares as failing that passed. */
  public record Fixed(String scenarioId, ExpectedFailure entry) {}

  /** 0 when every failure was expected and every expected failure failed; 1 otherwise. */
  public int exitCode() {
    return unexpectedFailures > 0 || !fixed.isEmpty() ? 1 : 0;
  }

  public void print(PrintStream out) {
    if (!expected.isEmpty()) {
      out.printf("%d expected failures (%s):%n", expected.size(), file);
      for (Expected e : expected) {
        out.printf("  %s: %s (%s)%s%n", e.scenarioId(), e.entry().reason(), e.entry().link(),
            e.entry().intermittent() ? " [intermittent]" : "");
      }
    }
    for (Fixed f : fixed) {
      out.printf("expected to fail but passed: %s: the target was fixed: remove the entry (%s entry %d, stack %s)%n",
          f.scenarioId(), file, f.entry().entry(), f.entry().stack());
    }
  }
}
