package dev.h2harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.h2harness.check.Finding;
import dev.h2harness.fuzz.Campaign;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.h2harness.gate.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fuzz}: a property campaign against a cooperating target. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Run generated control-header scenarios against a cooperating target (one that honours "
        + "contract §4) and compare it stream by stream with the reference session, or with a second "
        + "target given by --against. The first mismatch is shrunk and printed as a scenario file.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every try matched", "1:a mismatch (the shrunk scenario is printed)",
        "2:usage error", "3:could not run (target unreachable)"})
public final class FuzzCommand implements Callable<Integer> {
  @Option(names = "--target", paramLabel = "URL", description = "http://HOST:PORT or https://HOST:PORT (server role)")
  String target;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "server",
      description = "server (default: --target is a server) or client (--client-cmd is a cooperating client, contract §5)")
  String role;

  @Option(names = "--client-cmd", paramLabel = "CMD", description = "with --role client: the client, {url} replaced per try")
  String clientCmd;

  @Option(names = "--against", paramLabel = "URL", description = "compare with this target instead of the reference session")
  String against;

  @Option(names = "--tries", paramLabel = "N", defaultValue = "200", description = "generated cases (default: ${DEFAULT-VALUE})")
  int tries;

  @Option(names = "--seed", paramLabel = "S", description = "seed; the same seed reproduces the same run (default: random)")
  Long seed;

  @Option(names = "--streams", paramLabel = "N", defaultValue = "4", description = "most streams per generated connection (default: ${DEFAULT-VALUE})")
  int streams;

  @Option(names = "--max-body", paramLabel = "N", defaultValue = "1048576", description = "largest generated body (default: ${DEFAULT-VALUE})")
  long maxBody;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "2", description = "seconds any wait may take (default: ${DEFAULT-VALUE})")
  double timeout;

  @Option(names = "--insecure", description = "with https: accept any certificate")
  boolean insecure;

  @Option(names = "--json", paramLabel = "FILE", description = "write the outcome as JSON")
  Path json;

  @Mixin ReportOptions reports = new ReportOptions();

  @Option(names = "--out", paramLabel = "FILE", description = "also write the shrunk scenario to FILE")
  Path out;

  @Mixin ShardOption shard = new ShardOption();

  @Mixin ConfigOption config = new ConfigOption();

  @Override public Integer call() {
    PrintStream o = System.out;
    if (tries < 1 || streams < 1 || streams > 64 || maxBody < 0 || !(timeout > 0)) {
      System.err.println("h2harness fuzz: --tries ≥ 1, --streams 1..64, --max-body ≥ 0 and --timeout > 0 are required");
      return 2;
    }
    Shard part;
    try {
      part = shard.value();
    } catch (IllegalArgumentException e) {
      System.err.println("h2harness fuzz: " + e.getMessage());
      return 2;
    }
    if (tries < part.count()) {
      System.err.println("h2harness fuzz: --tries " + tries + " is fewer than the " + part.count() + " shards");
      return 2;
    }
    int millis = (int) Math.round(timeout * 1000);
    if (!role.equals("server") && !role.equals("client")) return usage("--role is server or client: " + role);
    if (role.equals("client")) return clientRole(o, millis);
    if (target == null) return usage("--target is required (or --role client with --client-cmd)");
    ScenarioRunner.Connector targetConn;
    ScenarioRunner.Connector reference;
    try {
      targetConn = Connectors.of(TargetUrl.parse(target), millis, insecure);
      reference = against == null ? ScenarioRunner.IN_MEMORY_REFERENCE
          : Connectors.of(TargetUrl.parse(against), millis, insecure);
    } catch (IllegalArgumentException e) {
      System.err.println("h2harness fuzz: " + e.getMessage());
      return 2;
    }
    for (ScenarioRunner.Connector c : against == null ? java.util.List.of(targetConn) : java.util.List.of(targetConn, reference)) {
      String why = Connectors.probe(c);
      if (why != null) {
        System.err.println("h2harness fuzz: cannot run: " + why);
        return 3;
      }
    }
    // Shard I of N runs its share of the tries from seed + I - 1: shards never share a seed, and the
    // printed seed alone reproduces a shard's run.
    long s = (seed != null ? seed : System.nanoTime()) + part.index() - 1;
    int share = tries / part.count() + (part.index() <= tries % part.count() ? 1 : 0);
    o.printf("h2harness fuzz: %s against %s, %d tries, seed %d%n", target,
        against == null ? "the reference session" : against, share, s);
    ScenarioRunner runner = new ScenarioRunner(targetConn, reference, millis, false);
    Campaign campaign = new Campaign(runner, o);
    Campaign.Outcome result = campaign.run(s, share, streams, maxBody);
    if (result.passed()) {
      double secs = result.nanos() / 1e9;
      o.printf("fuzz: %d tries (%d streams), all matched (%.2f s, %.0f tries/s, %.0f streams/s)%n", result.tried(),
          result.streams(), secs, result.tried() / secs, result.streams() / secs);
    } else {
      o.printf("fuzz: mismatch after %d tries; shrunk to:%n%n", result.tried());
      o.print(result.scenarioYaml());
      o.println();
      if (!result.reason().isEmpty()) o.println("  " + result.reason());
      for (Finding f : result.findings()) o.println("  " + f);
      o.printf("%nreproduce: h2harness fuzz --target %s%s --seed %d --tries %d%n", target,
          against == null ? "" : " --against " + against, s, result.tried());
    }
    try {
      if (out != null && !result.passed()) Files.writeString(out, result.scenarioYaml());
      if (json != null) writeJson(result, s);
      if (reports.wanted()) reports.writeShrunk(runner, campaign, result, target);
    } catch (IOException e) {
      System.err.println("h2harness fuzz: " + e.getMessage());
      return 2;
    }
    return result.passed() ? 0 : 1;
  }

  private int usage(String message) {
    System.err.println("h2harness fuzz: " + message);
    return 2;
  }

  /** {@code --role client}: each try runs the client command against a listening harness. */
  private int clientRole(PrintStream o, int millis) {
    if (clientCmd == null || !clientCmd.contains("{url}")) return usage("--role client needs --client-cmd with {url}");
    if (target != null || against != null) return usage("--target and --against are for --role server");
    long s = seed != null ? seed : System.nanoTime();
    try (dev.h2harness.peer.ClientListener listener = new dev.h2harness.peer.ClientListener("127.0.0.1", 0, null)) {
      dev.h2harness.scenario.ListenRunner runner = new dev.h2harness.scenario.ListenRunner(millis, false);
      o.printf("h2harness fuzz: client %s against the reference client, %d tries, seed %d%n", clientCmd, tries, s);
      Campaign.Outcome result = new dev.h2harness.fuzz.ClientCampaign(
          sc -> ClientScenarioRun.run(sc, clientCmd, listener, runner, millis), o).run(s, tries, maxBody);
      if (result.passed()) {
        double secs = result.nanos() / 1e9;
        o.printf("fuzz: %d tries, all matched (%.2f s, %.0f tries/s)%n", result.tried(), secs, result.tried() / secs);
      } else {
        o.printf("fuzz: mismatch after %d tries; shrunk to:%n%n", result.tried());
        o.print(result.scenarioYaml());
        o.println();
        if (!result.reason().isEmpty()) o.println("  " + result.reason());
        for (Finding f : result.findings()) o.println("  " + f);
        o.printf("%nreproduce: h2harness fuzz --role client --client-cmd '%s' --seed %d --tries %d%n", clientCmd, s,
            result.tried());
      }
      if (out != null && !result.passed()) Files.writeString(out, result.scenarioYaml());
      if (json != null) writeJson(result, s);
      return result.passed() ? 0 : 1;
    } catch (IOException e) {
      System.err.println("h2harness fuzz: " + e.getMessage());
      return 3;
    }
  }

  private void writeJson(Campaign.Outcome r, long s) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("seed", s);
    doc.put("tries", r.tried());
    doc.put("passed", r.passed());
    doc.put("seconds", r.nanos() / 1e9);
    if (!r.passed()) {
      doc.put("scenario", r.scenarioYaml());
      doc.put("reason", r.reason());
      doc.put("findings", r.findings().stream().map(Finding::toString).toList());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
  }
}
