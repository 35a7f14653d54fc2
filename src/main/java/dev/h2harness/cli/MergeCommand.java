package dev.h2harness.cli;

import dev.h2harness.gate.ShardReports;
import dev.h2harness.report.ConsoleReport;
import dev.h2harness.report.JUnitReport;
import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.report.html.HtmlReport;
import dev.h2harness.scenario.ScenarioResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge}: the JSON reports of {@code check --shard} runs combined into one summary and reports. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Combine the --json reports of check --shard 1/N .. N/N into one summary, as the unsharded "
        + "run would print it, and write it as JUnit XML, JSON or HTML.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every applicable scenario passed", "1:some scenario failed or could not complete",
        "2:usage error (unreadable report, a scenario in two reports, unwritable output)"})
public final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "the shards' JSON reports")
  List<Path> reports;

  @Option(names = "--junit", paramLabel = "FILE", description = "write the merged JUnit XML report")
  Path junit;

  @Option(names = "--json", paramLabel = "FILE", description = "write the merged JSON report")
  Path json;

  @Option(names = "--html", paramLabel = "DIR", description = "write the merged HTML report (findings and summary; "
      + "the shards' JSON carries no frames, so no ladders)")
  Path html;

  @Override public Integer call() {
    for (Path report : new Path[] {junit, json}) {
      String bad = report == null ? null : CheckCommand.unwritable(report);
      if (bad != null) return usage(bad);
    }
    if (html != null && java.nio.file.Files.exists(html) && !java.nio.file.Files.isDirectory(html)) {
      return usage("--html " + html + " is a file, not a folder");
    }
    RunSummary summary;
    try {
      summary = ShardReports.merge(reports);
    } catch (ShardReports.BadReport e) {
      return usage(e.getMessage());
    }
    ConsoleReport.print(summary, System.out, false);
    try {
      if (junit != null) JUnitReport.write(summary, junit);
      if (json != null) JsonReport.write(summary, json);
      if (html != null) {
        HtmlReport report = new HtmlReport(html, "merge");
        for (ScenarioResult r : summary.results()) report.scenario(r, null, null);
        report.finish(summary);
      }
    } catch (IOException e) {
      return usage(e.getMessage());
    }
    return summary.exitCode();
  }

  private static int usage(String message) {
    System.err.println("h2harness merge: " + message);
    return 2;
  }
}
