package dev.h2harness.cli;

import dev.h2harness.peer.ScriptedPeer;
import dev.h2harness.peer.TargetClass;
import dev.h2harness.peer.TargetProbe;
import dev.h2harness.peer.Transport;
import dev.h2harness.report.ConsoleReport;
import dev.h2harness.report.JUnitReport;
import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.CatalogueRun;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: run scenarios against a server and report findings. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check an HTTP/2 server against the scenario catalogue. Without --target, the embedded "
        + "reference server is started on a loopback port and checked.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every applicable scenario passed", "1:some scenario failed or could not complete",
        "2:usage error (bad option, bad scenario file, unwritable report)",
        "3:could not run (target unreachable, not HTTP/2, TLS handshake failed, generic path not 2xx)"})
public final class CheckCommand implements Callable<Integer> {
  @Option(names = "--target", paramLabel = "URL", description = "http://HOST:PORT[/PATH] (h2c) or https://HOST:PORT[/PATH] "
      + "(TLS, ALPN h2); a PATH is the path the generic scenarios request")
  String target;

  @Option(names = "--path", paramLabel = "P", description = "path the generic scenarios request, starting with / (default: "
      + "the path of --target, else /)")
  String path;

  @Option(names = "--scenarios", paramLabel = "DIR|FILE", description = "scenario files or folders instead of the built-in catalogue (repeatable)")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--only", paramLabel = "ID|PREFIX/|GLOB", description = "run only the scenario with this id, those under "
      + "a prefix ending in /, or those matching a glob (* within a level, ** across) (repeatable)")
  List<String> only = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "2", description = "seconds a wait may go without an octet "
      + "from the target (default: ${DEFAULT-VALUE}); a scenario may take 5 times this, the whole catalogue 11 times")
  double timeout;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "8", description = "scenarios run at once, each on its own "
      + "connection (default: ${DEFAULT-VALUE})")
  int jobs;

  @Option(names = "--lenient", description = "accept a reaction weaker than RFC 9113 requires (GOAWAY without the close, "
      + "another error code) as a pass marked lenient in every report, instead of a failure")
  boolean lenient;

  @Option(names = "--insecure", description = "with https: accept any certificate")
  boolean insecure;

  @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report")
  Path junit;

  @Option(names = "--json", paramLabel = "FILE", description = "write a JSON report")
  Path json;

  @Option(names = {"-v", "--verbose"}, description = "print the frame log of every scenario")
  boolean verbose;

  @Mixin ReportOptions reports = new ReportOptions();

  @Mixin ShardOption shard = new ShardOption();

  @Mixin GateOptions gate = new GateOptions();

  @Mixin ConfigOption config = new ConfigOption();

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

  /** The whole catalogue's budget, in idle timeouts: 22 s at the default timeout of 2 s. */
  static final int RUN_BUDGET_TIMEOUTS = 11;
  /** How long the embedded reference server's first answer may take (a cold JVM on a busy machine). */
  static final int EMBEDDED_PROBE_MILLIS = 10_000;

  @Override public Integer call() {
    // With no --target the embedded server starts while the arguments and the catalogue are read:
    // both are a cold JVM's first work, and there is more than one core. A usage error closes it.
    CompletableFuture<EmbeddedTarget> embedded = target == null ? EmbeddedTarget.startAsync() : null;
    try {
      return run(embedded);
    } finally {
      if (embedded != null) embedded.thenAccept(EmbeddedTarget::close);
    }
  }

  private Integer run(CompletableFuture<EmbeddedTarget> early) {
    if (!(timeout > 0) || timeout > 3600) {
      return usage("--timeout must be more than 0 and at most 3600 seconds: " + (timeout == (long) timeout
          ? String.valueOf((long) timeout) : String.valueOf(timeout)));
    }
    if (jobs < 1 || jobs > 64) return usage("--jobs must be between 1 and 64: " + jobs);
    int timeoutMillis = (int) Math.round(timeout * 1000);
    TargetUrl url = null;
    if (target != null) {
      try {
        url = TargetUrl.parse(target);
      } catch (IllegalArgumentException e) {
        return usage(e.getMessage());
      }
    }
    String genericPath = path != null ? path : url != null && url.path() != null ? url.path() : "/";
    if (path != null && url != null && url.path() != null && !path.equals(url.path())) {
      return usage("--path " + path + " conflicts with the path " + url.path() + " in --target: give the path once");
    }
    String badPath = checkPath(genericPath);
    if (badPath != null) return usage(badPath);
    for (Path report : new Path[] {junit, json}) {
      String bad = report == null ? null : unwritable(report);
      if (bad != null) return usage(bad);
    }
    // The embedded server's probe runs while the catalogue loads, for the same reason as its start.
    CompletableFuture<TargetClass> earlyProbe = early == null ? null : early.thenApplyAsync(embedded -> probe(
        embedded.url(), connector(embedded.url(), timeoutMillis, embedded), genericPath, timeoutMillis, true));
    List<Scenario> list;
    try {
      ScenarioLoader loader = new ScenarioLoader(genericPath, url == null ? "localhost" : url.host());
      list = scenarios.isEmpty() ? Catalogue.builtIn(loader) : Catalogue.load(loader, scenarios, null);
    } catch (ScenarioException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      return usage(e.getMessage());
    }
    String unmatched = ScenarioFilter.unmatched(list, only);
    if (unmatched != null) {
      return usage("--only " + unmatched + " matches no scenario (give an id, a prefix ending in /, or a glob)");
    }
    list = ScenarioFilter.select(list, only);
    if (list.isEmpty()) return usage("no scenario to run");
    if (reports.problem(list.size()) != null) return usage(reports.problem(list.size()));
    if (gate.problem() != null) return usage(gate.problem());
    try {
      list = shard.value().of(list, Scenario::id);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try {
      expectFail.load();
    } catch (dev.h2harness.expect.ExpectationsException e) {
      return usage(e.getMessage());
    }

    try (EmbeddedTarget embedded = url == null ? EmbeddedTarget.await(early) : null) {
      TargetUrl finalUrl = url != null ? url : embedded.url();
      ScenarioRunner.Connector connector = connector(finalUrl, timeoutMillis, embedded);
      String where = finalUrl.with(genericPath);
      TargetClass kind = earlyProbe != null ? earlyProbe.join() : probe(finalUrl, connector, genericPath, timeoutMillis, false);
      if (kind instanceof TargetClass.CouldNotRun c) {
        err.println("h2harness check: cannot run against " + where + ": " + c.line());
        return 3;
      }
      TargetClass.Http2 h2 = (TargetClass.Http2) kind;
      String description = where + (url == null ? " (embedded reference server)" : "");
      long began = System.nanoTime();
      ScenarioRunner runner = new ScenarioRunner(connector, ScenarioRunner.IN_MEMORY_REFERENCE, timeoutMillis,
          ScriptedPeer.budgetFor(timeoutMillis), verbose || junit != null).knowingControl(h2.honoursControl(), h2.controlNote())
          .lenient(lenient);
      reports.attach(runner, "check");
      long runBudgetMillis = (long) RUN_BUDGET_TIMEOUTS * timeoutMillis;
      List<Scenario> chosen = list;
      CatalogueRun run = gate.repeat(() -> CatalogueRun.of(runner, chosen, jobs, runBudgetMillis));
      for (ScenarioResult r : run.results()) reports.after(r);
      RunSummary summary = new RunSummary(description, run.results(), System.nanoTime() - began, run.note());
      ConsoleReport.print(summary, out, verbose);
      if (junit != null) JUnitReport.write(summary, junit);
      if (json != null) JsonReport.write(summary, json);
      reports.finish(summary);
      return gate.finish(summary, expectFail.exitCode(run.results(), summary.exitCode(), out), out);
    } catch (IOException e) {
      err.println("h2harness check: " + e.getMessage());
      return 3;
    }
  }

  /** Null when {@code p} is a path a request can carry (RFC 9113 §8.3.1), else why not. */
  static String checkPath(String p) {
    if (!p.startsWith("/")) {
      return "--path \"" + p + "\" must start with / (did you mean /" + p + "?)";
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c <= ' ' || c >= 0x7f) return "--path \"" + p + "\" has a space or control character at " + i;
    }
    return null;
  }

  /** Null when a report can be written to {@code file}, else why not: found before anything runs. */
  static String unwritable(Path file) {
    Path abs = file.toAbsolutePath();
    Path parent = abs.getParent();
    if (Files.isDirectory(abs)) return "cannot write " + file + ": it is a directory";
    if (parent != null && !Files.isDirectory(parent)) return "cannot write " + file + ": no directory " + parent;
    if (Files.exists(abs) ? !Files.isWritable(abs) : parent != null && !Files.isWritable(parent)) {
      return "cannot write " + file + ": permission denied";
    }
    return null;
  }

  /** What the target is (TargetProbe), or why the catalogue cannot run against it. */
  private static TargetClass probe(TargetUrl url, ScenarioRunner.Connector connector, String genericPath,
                                   int timeoutMillis, boolean embedded) {
    try (Transport t = connector.connect()) {
      // The embedded server is ours and may be cold on a loaded machine: its first answer gets longer.
      int probeMillis = embedded ? Math.max(timeoutMillis, EMBEDDED_PROBE_MILLIS) : timeoutMillis;
      return TargetProbe.classify(t, url.tls() ? "https" : "http", url.host(), genericPath, probeMillis,
          ScenarioRunner.HEADER_LIST_LIMIT);
    } catch (IOException e) {
      return new TargetClass.CouldNotRun(Connectors.describe(e, url, timeoutMillis));
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
