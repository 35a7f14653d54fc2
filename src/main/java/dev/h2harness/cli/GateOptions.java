package dev.h2harness.cli;

import dev.h2harness.gate.FlakyReport;
import dev.h2harness.gate.GithubAnnotations;
import dev.h2harness.gate.Repeats;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.CatalogueRun;
import dev.h2harness.scenario.ScenarioResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --repeat} (flake hunting) and {@code --annotations} (GitHub Actions): a run as a CI gate sees it. */
final class GateOptions {
  static final int MAX_REPEAT = 1000;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "run each scenario N times; a "
      + "scenario whose verdict or rules differ between runs is reported flaky, with the findings of each "
      + "outcome, and makes the exit code 1 (default: ${DEFAULT-VALUE})")
  int repeat;

  @Option(names = "--annotations", paramLabel = "KIND", description = "github: print each finding as a GitHub "
      + "Actions workflow command (::error title=RULE::...) on stdout; none: do not. Default: github when the "
      + "environment has GITHUB_ACTIONS=true, else none")
  String annotations;

  /** The environment, replaceable in tests. */
  Function<String, String> env = System::getenv;

  private Repeats repeats;

  /** Null when the options make sense, else a one-line reason. */
  String problem() {
    if (repeat < 1 || repeat > MAX_REPEAT) return "--repeat must be between 1 and " + MAX_REPEAT + ": " + repeat;
    if (annotations != null && !annotations.equals("github") && !annotations.equals("none")) {
      return "--annotations must be github or none: " + annotations;
    }
    return null;
  }

  /** Runs the catalogue {@code repeat} times; the result holds one folded result per scenario. */
  CatalogueRun repeat(Supplier<CatalogueRun> once) {
    List<List<ScenarioResult>> runs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      CatalogueRun run = once.get();
      runs.add(run.results());
      if (!run.note().isEmpty()) notes.add(repeat == 1 ? run.note() : "run " + (i + 1) + ": " + run.note());
    }
    repeats = runs.get(0).isEmpty() ? new Repeats(List.of(), List.of()) : Repeats.of(runs);
    return new CatalogueRun(repeats.results(), notes.stream().distinct().collect(Collectors.joining("; ")));
  }

  /** After the reports: the flaky scenarios and the annotations; the exit code, 1 when a scenario was flaky. */
  int finish(RunSummary summary, int exitCode, PrintStream out) {
    List<Repeats.Flake> flakes = repeats == null ? List.of() : repeats.flakes();
    if (repeat > 1) FlakyReport.print(repeats, repeat, out);
    boolean github = annotations != null ? annotations.equals("github")
        : Objects.equals(env.apply("GITHUB_ACTIONS"), "true");
    if (github) GithubAnnotations.lines(summary.results(), flakes).forEach(out::println);
    return flakes.isEmpty() ? exitCode : Math.max(exitCode, 1);
  }
}
