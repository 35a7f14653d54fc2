package dev.h2harness.cli;

import dev.h2harness.report.ConsoleReport;
import dev.h2harness.report.JUnitReport;
import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: run scenarios against a server and report findings. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check an HTTP/2 server against the scenario catalogue. Without --target, the embedded "
        + "reference server is started on a loopback port and checked.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every applicable scenario passed", "1:some scenario failed or could not complete",
        "2:usage error (bad option, bad scenario file)", "3:could not run (target unreachable, TLS handshake failed)"})
public final class CheckCommand implements Callable<Integer> {
  @Option(names = "--target", paramLabel = "URL", description = "http://HOST:PORT (h2c) or https://HOST:PORT (TLS, ALPN h2)")
  String target;

  @Option(names = "--path", paramLabel = "P", defaultValue = "/", description = "path the generic scenarios request (default: ${DEFAULT-VALUE})")
  String path;

  @Option(names = "--scenarios", paramLabel = "DIR|FILE", description = "scenario files or folders instead of the built-in catalogue (repeatable)")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--only", paramLabel = "PREFIX", description = "run only scenarios whose id starts with PREFIX (repeatable)")
  List<String> only = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "2", description = "seconds any wait may take (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(names = "--insecure", description = "with https: accept any certificate")
  boolean insecure;

  @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report")
  Path junit;

  @Option(names = "--json", paramLabel = "FILE", description = "write a JSON report")
  Path json;

  @Option(names = {"-v", "--verbose"}, description = "print the frame log of every scenario")
  boolean verbose;

  @Mixin ExpectFailOptions expectFail = new ExpectFailOptions();

  private final PrintStream out;
  private final PrintStream err;

  public CheckCommand() {
    this(System.out, System.err);
  }

  CheckCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override public Integer call() {
    if (!(timeout > 0) || timeout > 3600) {
      return usage("--timeout must be between 0 and 3600 seconds: " + timeout);
    }
    int timeoutMillis = (int) Math.round(timeout * 1000);
    TargetUrl url = null;
    if (target != null) {
      try {
        url = TargetUrl.parse(target);
      } catch (IllegalArgumentException e) {
        return usage(e.getMessage());
      }
    }
    List<Scenario> list;
    try {
      ScenarioLoader loader = new ScenarioLoader(path, url == null ? "localhost" : url.host());
      list = scenarios.isEmpty() ? Catalogue.builtIn(loader) : Catalogue.load(loader, scenarios, null);
    } catch (ScenarioException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      return usage(e.getMessage());
    }
    if (!only.isEmpty()) {
      list = list.stream().filter(s -> only.stream().anyMatch(p -> s.id().startsWith(p))).toList();
    }
    if (list.isEmpty()) return usage("no scenario to run");
    try {
      expectFail.load();
    } catch (dev.h2harness.expect.ExpectationsException e) {
      return usage(e.getMessage());
    }

    try (EmbeddedTarget embedded = url == null ? EmbeddedTarget.start() : null) {
      TargetUrl finalUrl = url != null ? url : embedded.url();
      ScenarioRunner.Connector connector = connector(finalUrl, timeoutMillis, embedded);
      String probe = Connectors.probe(connector);
      if (probe != null) {
        err.println("h2harness check: cannot run against " + finalUrl + ": " + probe);
        return 3;
      }
      String description = finalUrl + (url == null ? " (embedded reference server)" : "");
      long began = System.nanoTime();
      ScenarioRunner runner = new ScenarioRunner(connector, timeoutMillis, verbose || junit != null);
      List<ScenarioResult> results = new ArrayList<>();
      for (Scenario s : list) {
        results.add(runner.run(s));
      }
      RunSummary run = new RunSummary(description, results, System.nanoTime() - began);
      ConsoleReport.print(run, out, verbose);
      if (junit != null) JUnitReport.write(run, junit);
      if (json != null) JsonReport.write(run, json);
      return expectFail.exitCode(results, run.exitCode(), out);
    } catch (IOException e) {
      err.println("h2harness check: " + e.getMessage());
      return 3;
    }
  }

  private ScenarioRunner.Connector connector(TargetUrl url, int timeoutMillis, EmbeddedTarget embedded) {
    return Connectors.of(url, timeoutMillis, insecure || embedded != null);
  }

  private int usage(String message) {
    err.println("h2harness check: " + message);
    return 2;
  }
}
