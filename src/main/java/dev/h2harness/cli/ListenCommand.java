package dev.h2harness.cli;

import dev.h2harness.peer.ClientListener;
import dev.h2harness.peer.Transport;
import dev.h2harness.report.ConsoleReport;
import dev.h2harness.report.JUnitReport;
import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.server.ServerOptions;
import dev.h2harness.server.ServerTls;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code listen}: judge HTTP/2 clients that connect, one client scenario per connection. */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = "Test HTTP/2 clients. With --client-cmd, runs the command once per client scenario with {url} "
        + "replaced; without it, prints the URL and judges whatever connects, one scenario per connection.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every applicable scenario passed", "1:some scenario failed or could not complete",
        "2:usage error (bad option, bad scenario file)", "3:could not run (cannot listen, TLS set-up failed)"})
public final class ListenCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "port to listen on (default: an ephemeral port)")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--tls", description = "TLS with ALPN h2 (a self-signed certificate unless --cert/--key)")
  boolean tls;

  @Option(names = "--cert", paramLabel = "F", description = "PEM certificate chain (with --tls and --key)")
  Path cert;

  @Option(names = "--key", paramLabel = "F", description = "PEM PKCS#8 private key (with --tls and --cert)")
  Path key;

  @Option(names = "--client-cmd", paramLabel = "CMD", description = "command run once per scenario; {url} is replaced by the scenario's URL")
  String clientCmd;

  @Option(names = "--scenarios", paramLabel = "DIR|FILE", description = "client scenario files or folders instead of the built-in ones (repeatable)")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--only", paramLabel = "PREFIX", description = "run only scenarios whose id starts with PREFIX (repeatable)")
  List<String> only = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "2", description = "seconds any wait may take (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(names = "--connections", paramLabel = "N", description = "without --client-cmd: stop after N connections")
  Integer connections;

  @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report")
  Path junit;

  @Option(names = "--json", paramLabel = "FILE", description = "write a JSON report")
  Path json;

  @Mixin ReportOptions reports = new ReportOptions();

  @Mixin ShardOption shard = new ShardOption();

  @Mixin ConfigOption config = new ConfigOption();

  @Mixin ExpectFailOptions expectFail = new ExpectFailOptions();

  @Option(names = {"-v", "--verbose"}, description = "print the frame log of every scenario")
  boolean verbose;

  private final PrintStream out;
  private final PrintStream err;

  public ListenCommand() {
    this(System.out, System.err);
  }

  ListenCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override public Integer call() {
    if (!(timeout > 0) || timeout > 3600) return usage("--timeout must be between 0 and 3600 seconds: " + timeout);
    if (port < 0 || port > ServerOptions.MAX_PORT) {
      return usage("--port must be between 0 and " + ServerOptions.MAX_PORT + ": " + port);
    }
    if (connections != null && connections < 1) return usage("--connections must be at least 1: " + connections);
    if (connections != null && clientCmd != null) return usage("--connections is for listening without --client-cmd");
    if (!tls && (cert != null || key != null)) return usage("--cert and --key need --tls");
    if ((cert == null) != (key == null)) return usage("--cert and --key go together");
    if (clientCmd != null && !clientCmd.contains("{url}")) return usage("--client-cmd must contain {url}");
    int timeoutMillis = (int) Math.round(timeout * 1000);
    List<Scenario> list;
    try {
      ScenarioLoader loader = new ScenarioLoader("/", "h2harness");
      list = scenarios.isEmpty() ? Catalogue.builtIn(loader, true) : Catalogue.load(loader, scenarios, null, true);
    } catch (ScenarioException | IOException e) {
      return usage(e.getMessage());
    }
    String unmatched = ScenarioFilter.unmatched(list, only);
    if (unmatched != null) {
      return usage("--only " + unmatched + " matches no client scenario (give an id, a prefix ending in /, or a glob)");
    }
    list = ScenarioFilter.select(list, only);
    if (list.isEmpty()) return usage("no client scenario to run");
    if (reports.problem(list.size()) != null) return usage(reports.problem(list.size()));
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

    ServerTls serverTls = null;
    if (tls) {
      try {
        serverTls = ServerTls.create(cert, key);
      } catch (IOException e) {
        err.println("h2harness listen: cannot set up TLS: " + e.getMessage());
        return 3;
      }
    }
    ClientListener.TlsWrapper wrapper = serverTls == null ? null : serverTls::serverSide;
    try (ClientListener listener = new ClientListener(bind, port, wrapper)) {
      ListenRunner runner = new ListenRunner(timeoutMillis, verbose || junit != null);
      reports.attach(runner, "listen");
      List<ScenarioResult> results = Collections.synchronizedList(new ArrayList<>());
      long began = System.nanoTime();
      String description = "clients of " + listener.baseUrl() + (clientCmd != null ? " (" + clientCmd + ")" : "");
      if (clientCmd != null) {
        for (Scenario s : list) {
          results.add(ClientScenarioRun.run(s, clientCmd, listener, runner, timeoutMillis));
        }
      } else {
        Thread report = new Thread(() -> report(new RunSummary(description, List.copyOf(results), System.nanoTime() - began)));
        Runtime.getRuntime().addShutdownHook(report);
        listenForClients(list, listener, runner, results);
        Runtime.getRuntime().removeShutdownHook(report);
      }
      RunSummary run = new RunSummary(description, results, System.nanoTime() - began);
      return report(run);
    } catch (IOException e) {
      err.println("h2harness listen: " + e.getMessage());
      return 3;
    }
  }

  private int report(RunSummary run) {
    ConsoleReport.print(run, out, verbose, "listen");
    try {
      if (junit != null) JUnitReport.write(run, junit);
      if (json != null) JsonReport.write(run, json);
      for (ScenarioResult r : run.results()) reports.after(r);
      reports.finish(run);
    } catch (IOException e) {
      err.println("h2harness listen: cannot write a report: " + e.getMessage());
      return 1;
    }
    return expectFail.exitCode(run.results(), run.exitCode(), out);
  }

  /** Without a command: one scenario per connection, in catalogue order. */
  private void listenForClients(List<Scenario> list, ClientListener listener, ListenRunner runner,
                                List<ScenarioResult> results) {
    int limit = connections == null ? list.size() : Math.min(connections, list.size());
    out.println("h2harness listen: point HTTP/2 clients at " + listener.baseUrl() + "/ (one scenario per connection; "
        + "a cooperating client uses the URL given for each)");
    for (int i = 0; i < limit; i++) {
      Scenario s = list.get(i);
      out.println("next: " + s.id() + "  " + listener.baseUrl() + s.clientPath());
      out.flush();
      long began = System.nanoTime();
      try (Transport t = listener.accept(0)) {
        results.add(runner.judge(s, t, ""));
      } catch (IOException e) {
        results.add(ListenRunner.couldNotRun(s, "could not run: " + e.getMessage(), System.nanoTime() - began));
      }
    }
  }

  private int usage(String message) {
    err.println("h2harness listen: " + message);
    return 2;
  }
}
