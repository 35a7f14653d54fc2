package dev.h2harness.report;

import dev.h2harness.check.Finding;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console report: scenarios grouped by topic with ✔ ~ × – !, findings under each failure, totals. */
public final class ConsoleReport {
  private ConsoleReport() {}

  public static void print(RunSummary run, PrintStream out, boolean verbose) {
    print(run, out, verbose, "check");
  }

  /** As {@link #print(RunSummary, PrintStream, boolean)}, headed by the command's name. */
  public static void print(RunSummary run, PrintStream out, boolean verbose, String command) {
    out.println("h2harness " + command + ": " + run.target());
    // A reason shared by several not-applicable scenarios is said once, under the totals.
    Map<String, Long> naReasons = new LinkedHashMap<>();
    run.results().stream().filter(r -> r.verdict() == Verdict.NOT_APPLICABLE || r.verdict() == Verdict.ERROR)
        .forEach(r -> naReasons.merge(r.verdict() + r.reason(), 1L, Long::sum));
    Map<String, List<ScenarioResult>> byTopic = new LinkedHashMap<>();
    for (ScenarioResult r : run.results()) {
      byTopic.computeIfAbsent(r.scenario().topic(), k -> new java.util.ArrayList<>()).add(r);
    }
    byTopic.forEach((topic, results) -> {
      out.println();
      out.println(topic);
      for (ScenarioResult r : results) {
        out.printf("  %s %s: %s%n", mark(r.verdict()), r.scenario().id(), r.scenario().title());
        if (r.verdict() == Verdict.ERROR && naReasons.get(r.verdict() + r.reason()) == 1) {
          out.println("      error: " + r.reason());
        } else if (r.verdict() == Verdict.NOT_APPLICABLE && naReasons.get(r.verdict() + r.reason()) == 1) {
          out.println("      not applicable: " + r.reason());
        } else if (r.verdict() == Verdict.FAIL && !r.reason().isEmpty()) {
          out.println("      " + r.reason());
        }
        if (r.verdict() == Verdict.LENIENT) out.println("      lenient pass (weaker than RFC 9113 requires):");
        for (Finding f : r.findings()) {
          out.println("      " + f);
        }
        if (verbose && !r.frameLog().isEmpty()) {
          r.frameLog().forEach(line -> out.println("        " + line));
        }
      }
    });
    out.println();
    long lenient = run.count(Verdict.LENIENT);
    out.printf("%d scenarios: %d passed%s, %d failed, %d not applicable, %d errors (%.2f s)%n",
        run.results().size(), run.count(Verdict.PASS), lenient == 0 ? "" : ", " + lenient + " passed only as lenient",
        run.count(Verdict.FAIL), run.count(Verdict.NOT_APPLICABLE), run.count(Verdict.ERROR), run.nanos() / 1e9);
    naReasons.forEach((key, n) -> {
      boolean na = key.startsWith(Verdict.NOT_APPLICABLE.name());
      String reason = key.substring((na ? Verdict.NOT_APPLICABLE : Verdict.ERROR).name().length());
      if (n > 1) out.printf("%d scenarios %s: %s%n", n, na ? "not applicable" : "in error", reason);
    });
    if (!run.note().isEmpty()) out.println(run.note());
  }

  static String mark(Verdict v) {
    return switch (v) {
      case PASS -> "✔";
      case LENIENT -> "~";
      case FAIL -> "×";
      case NOT_APPLICABLE -> "–";
      case ERROR -> "!";
    };
  }
}
