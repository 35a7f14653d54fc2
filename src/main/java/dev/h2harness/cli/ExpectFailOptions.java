package dev.h2harness.cli;

import dev.h2harness.expect.ExpectationsException;
import dev.h2harness.expect.ExpectedFailures;
import dev.h2harness.expect.Judgement;
import dev.h2harness.scenario.ScenarioResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --expect-fail FILE} and {@code --stack LABEL}: a run judged with a file of known target bugs. */
public final class ExpectFailOptions {
  @Option(names = "--expect-fail", paramLabel = "FILE",
      description = "YAML list of known failures (scenario, stack, reason, link): they keep the exit code 0; "
          + "one that passes makes it 1 (the target was fixed: remove the entry)")
  Path file;

  @Option(names = "--stack", paramLabel = "LABEL", defaultValue = "",
      description = "the label the entries' stack globs are matched against, e.g. nginx/tls/large")
  String stack;

  private ExpectedFailures loaded;

  /** Reads the file before anything runs; a bad file is a usage error (the message names file and entry). */
  void load() throws ExpectationsException {
    if (file != null) loaded = ExpectedFailures.load(file);
  }

  /** The run's exit code: {@code plain} without --expect-fail, else the judgement's, printed to {@code out}. */
  int exitCode(List<ScenarioResult> results, int plain, PrintStream out) {
    if (loaded == null) return plain;
    Judgement j = loaded.judge(results, stack);
    j.print(out);
    return j.exitCode();
  }
}
