package dev.h2harness.gate;

import dev.h2harness.check.Finding;
import java.io.PrintStream;

/** The console lines for {@code --repeat}: each flaky scenario with the findings of each outcome. */
public final class FlakyReport {
  private FlakyReport() {}

  public static void print(Repeats repeats, int runs, PrintStream out) {
    out.println();
    if (repeats.flakes().isEmpty()) {
      out.printf("repeat: %d runs of each scenario, no flaky scenario%n", runs);
      return;
    }
    out.printf("repeat: %d runs of each scenario, %d flaky:%n", runs, repeats.flakes().size());
    for (Repeats.Flake f : repeats.flakes()) {
      out.println("  flaky " + f.describe());
      for (Repeats.Outcome o : f.outcomes()) {
        out.printf("    %s (first in run %d)%s%n", o.key(), o.firstRun(),
            o.first().reason().isEmpty() ? "" : ": " + o.first().reason());
        for (Finding finding : o.first().findings()) out.println("      " + finding);
      }
    }
  }
}
