package dev.h2harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.External;
import dev.h2harness.expect.ExpectedFailure;
import dev.h2harness.expect.ExpectedFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the interop matrix. Server rows: every server stack over every transport it supports, each
 * serving the small and the large file, checked by {@code java -jar target/h2harness.jar check}
 * with the generic scenarios, {@code --json} and {@code --expect-fail}, exactly as a user runs it.
 * Client rows (role "client"): every {@link ClientStack} over every transport it supports, uploading
 * the small and the large file, judged by {@code h2harness listen --client-cmd ... --only
 * client/generic/ --only client/reactions/ --json ... --expect-fail ... --stack ID/WIRE/FILE}.
 * Rows run {@code parallelism} at a time; a row's two files run one after the other.
 */
final class InteropMatrix {
  static final String ROLE_SERVER = "server";
  static final String ROLE_CLIENT = "client";
  /** The pseudo scenario id that declares, in the expectations file, a stack known to crash. */
  static final String SERVER_CRASH = "server-crash";

  private final Path work;
  private final Path jar;
  private final Path expectations;
  private final ExpectedFailures expected;
  private final DocRoot root;
  private final Certs certs;
  /** A jar whose check has --pcap, and the folder its captures go to; null: no captures. */
  private Path captureJar;
  private Path captureDir;

  InteropMatrix(Path work, Path jar, Path expectations) throws Exception {
    this.work = work;
    this.jar = jar;
    this.expectations = expectations;
    this.expected = ExpectedFailures.load(expectations);
    this.root = DocRoot.create(work);
    this.certs = Certs.generate(Files.createDirectories(work.resolve("certs")));
  }

  /**
   * Also saves, for every h2c row, pcapng captures of {@code generic/plain-get} (and, where it
   * fails, the scenario that shows a stack's bug) as DIR/server-STACK-VERSION-h2c-SCENARIO.pcapng,
   * and one capture per client stack (see {@link #captureClient}).
   */
  InteropMatrix capturing(Path jarWithPcap, Path dir) {
    this.captureJar = jarWithPcap;
    this.captureDir = dir;
    return this;
  }

  /** Every server stack of the matrix, in the order of the report. */
  static List<ServerStack> serverStacks() {
    return List.of(new NghttpdStack(0), new NghttpdStack(255), new NginxStack(), new ApacheStack(0),
        new ApacheStack(8), new H2oStack(), new NodeStack("none"), new NodeStack("max"), new NodeStack("aligned"),
        new GoStack(), new JettyStack(), new NettyStack(), new MockWebServerStack());
  }

  List<MatrixCell> run(List<ServerStack> stacks, int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<List<MatrixCell>>> rows = new ArrayList<>();
      for (ServerStack s : stacks) {
        for (Wire w : Wire.values()) {
          if (s.wires().contains(w)) rows.add(pool.submit(() -> row(s, w)));
        }
      }
      List<MatrixCell> cells = new ArrayList<>();
      for (Future<List<MatrixCell>> f : rows) cells.addAll(f.get(20, TimeUnit.MINUTES));
      return cells;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<MatrixCell> row(ServerStack stack, Wire wire) throws IOException {
    String version = stack.version();
    List<MatrixCell> cells = new ArrayList<>();
    RunningServer server = null;
    try {
      server = stack.start(wire, root, newDir(stack, wire), certs);
      warmUp(server, wire);
      for (String file : List.of("small", "large")) {
        MatrixCell c = cell(stack, version, wire, server, file);
        String crash = server.exited();
        // A stack declared to crash (scenario "server-crash" in the expectations file) gets the
        // cell run again on a fresh server, and the crash is reported; any other crash stays red.
        if (crash != null && expected.find(SERVER_CRASH, c.label()).isPresent()) {
          server.close();
          server = stack.start(wire, root, newDir(stack, wire), certs);
          c = cell(stack, version, wire, server, file).withCrash(crash);
        }
        cells.add(c);
      }
      if (captureJar != null && wire == Wire.H2C) capture(stack, version, server, cells.get(0));
    } catch (Exception e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      for (String file : List.of("small", "large")) {
        if (cells.stream().noneMatch(c -> c.file().equals(file))) {
          cells.add(new MatrixCell(stack.id(), stack.name(), version, ROLE_SERVER, wire.label(), file, 0, 0, 0, 0, 0, 0,
              3, List.of(), List.of(), why, null));
        }
      }
    } finally {
      if (server != null) server.close();
    }
    return cells;
  }

  /**
   * A few requests before the cells: a server started in this JVM (Jetty, Netty, MockWebServer) is
   * cold, and on a loaded 2-core machine its first answer can miss check's 2 s probe. The cells
   * judge the server's behaviour, not its JIT warm-up. Best effort: a failure here shows in the cells.
   */
  private static void warmUp(RunningServer server, Wire wire) throws InterruptedException {
    if (External.missing("curl") != null) return;
    List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "--max-time", "20", "-o", "/dev/null"));
    cmd.add(wire == Wire.TLS ? "--http2" : "--http2-prior-knowledge");
    for (int i = 0; i < 3; i++) cmd.add(server.url() + "/" + DocRoot.SMALL);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    } catch (IOException e) {
      // No warm-up: the cells run anyway and say what they met.
    }
  }

  private Path newDir(ServerStack stack, Wire wire) throws IOException {
    Path dir = Files.createTempDirectory(work, stack.id() + "-" + wire.label() + "-");
    DocRoot.openUp(dir);
    return dir;
  }

  private MatrixCell cell(ServerStack stack, String version, Wire wire, RunningServer server, String file)
      throws IOException, InterruptedException {
    return file.equals("small")
        ? cell(stack, version, wire, server, file, DocRoot.SMALL, DocRoot.SMALL_LENGTH, newDir(stack, wire))
        : cell(stack, version, wire, server, file, DocRoot.LARGE, DocRoot.LARGE_LENGTH, newDir(stack, wire));
  }

  private MatrixCell cell(ServerStack stack, String version, Wire wire, RunningServer server, String file,
                          String name, long size, Path dir) throws IOException, InterruptedException {
    String label = MatrixCell.label(stack.id(), wire.label(), file);
    Path json = dir.resolve(file + ".json");
    List<String> cmd = List.of(javaBin(), "-Xmx256m", "-jar", jar.toString(), "check",
        "--target", server.url(), "--path", "/" + name, "--only", "generic/", "--insecure", "--json", json.toString(),
        "--expect-fail", expectations.toString(), "--stack", label);
    return judged(stack.id(), stack.name(), version, ROLE_SERVER, wire, file, size, cmd, json, dir);
  }

  /** Every client stack of the matrix, in the order of the report. */
  static List<ClientStack> clientStacks() {
    return List.of(new CurlClient(), new NghttpClient(0), new NghttpClient(255), new NodeClient(),
        new JavaClient("okhttp"), new JavaClient("jdk"), new GoClient(), new JavaClient("jetty"));
  }

  /** The client rows: each client over each wire it supports, uploading the small and then the large file. */
  List<MatrixCell> runClients(List<ClientStack> stacks, int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<List<MatrixCell>>> rows = new ArrayList<>();
      for (ClientStack s : stacks) {
        String version = s.version();
        for (Wire w : Wire.values()) {
          if (s.wires().contains(w)) rows.add(pool.submit(() -> clientRow(s, version, w)));
        }
        if (captureJar != null) rows.add(pool.submit(() -> {
          captureClient(s, version);
          return List.<MatrixCell>of();
        }));
      }
      List<MatrixCell> cells = new ArrayList<>();
      for (Future<List<MatrixCell>> f : rows) cells.addAll(f.get(20, TimeUnit.MINUTES));
      return cells;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<MatrixCell> clientRow(ClientStack stack, String version, Wire wire) throws IOException, InterruptedException {
    List<MatrixCell> cells = new ArrayList<>();
    for (String file : List.of("small", "large")) {
      Path body = root.dir().resolve(file.equals("small") ? DocRoot.SMALL : DocRoot.LARGE);
      long size = file.equals("small") ? DocRoot.SMALL_LENGTH : DocRoot.LARGE_LENGTH;
      Path dir = Files.createTempDirectory(work, stack.id() + "-" + wire.label() + "-");
      String label = MatrixCell.label(stack.id(), wire.label(), file);
      Path json = dir.resolve(file + ".json");
      String client;
      try {
        client = stack.command(wire, body);
      } catch (Exception e) {
        cells.add(couldNotRun(stack.id(), stack.name(), version, ROLE_CLIENT, wire, file, size,
            e.getClass().getSimpleName() + ": " + e.getMessage()));
        continue;
      }
      List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-jar", jar.toString(), "listen",
          "--client-cmd", client, "--json", json.toString(),
          "--expect-fail", expectations.toString(), "--stack", label));
      if (wire == Wire.TLS) cmd.add("--tls");
      cmd.addAll(List.of("--timeout", Double.toString(stack.timeoutSeconds())));
      for (String o : stack.only()) cmd.addAll(List.of("--only", o));
      cells.add(judged(stack.id(), stack.name(), version, ROLE_CLIENT, wire, file, size, cmd, json, dir));
    }
    return cells;
  }

  /**
   * Saves, for a client stack, a pcapng of {@code client/generic/request-complete} (the small file
   * uploaded) as DIR/client-STACK-VERSION-WIRE-request-complete.pcapng: over h2c where the client has
   * it, else over TLS (written as the plaintext the listener saw).
   */
  private void captureClient(ClientStack stack, String version) throws Exception {
    Wire wire = stack.wires().contains(Wire.H2C) ? Wire.H2C : Wire.TLS;
    String id = "client/generic/request-complete";
    String name = "client-" + stack.id() + "-" + version.replaceAll("[^A-Za-z0-9.]+", "_").replaceAll("_$", "") + "-"
        + wire.label() + "-"
        + id.substring(id.lastIndexOf('/') + 1) + ".pcapng";
    Files.createDirectories(captureDir);
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", captureJar.toString(), "listen", "--client-cmd",
        stack.command(wire, root.dir().resolve(DocRoot.SMALL)), "--only", id, "--timeout",
        Double.toString(stack.timeoutSeconds()), "--pcap", captureDir.resolve(name).toString()));
    if (wire == Wire.TLS) cmd.add("--tls");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
  }

  /** Runs {@code cmd} (check or listen with --json FILE) and reads its JSON into a cell labelled ID/WIRE/FILE. */
  private MatrixCell judged(String id, String name, String version, String role, Wire wire, String file, long size,
                            List<String> cmd, Path json, Path dir) throws IOException, InterruptedException {
    String label = MatrixCell.label(id, wire.label(), file);
    Path out = dir.resolve(file + ".out");
    long began = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return couldNotRun(id, name, version, role, wire, file, size, cmd.get(4) + " ran over 300 s");
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    String console = Files.readString(out, StandardCharsets.UTF_8);
    if (!Files.exists(json)) {
      return couldNotRun(id, name, version, role, wire, file, size, "exit " + p.exitValue() + ": " + console.strip());
    }
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    JsonNode sum = doc.get("summary");
    List<MatrixCell.Failure> failures = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (JsonNode s : doc.get("scenarios")) {
      String sid = s.get("id").asText();
      String status = s.get("status").asText();
      Optional<ExpectedFailure> entry = expected.find(sid, label);
      if (status.equals("failed") || status.equals("error")) {
        failures.add(new MatrixCell.Failure(sid, status, detail(s), entry.map(ExpectedFailure::reason).orElse(null),
            entry.map(ExpectedFailure::link).orElse(null)));
      } else if (status.equals("passed") && entry.isPresent() && !entry.get().intermittent()) {
        fixed.add(sid);
      }
    }
    return new MatrixCell(id, name, version, role, wire.label(), file, size,
        sum.get("passed").asInt(), sum.get("failed").asInt(), sum.get("notApplicable").asInt(), sum.get("errors").asInt(),
        Math.round(seconds * 100) / 100.0, p.exitValue(), failures, fixed, null, null);
  }

  private void capture(ServerStack stack, String version, RunningServer server, MatrixCell small)
      throws IOException, InterruptedException {
    List<String> scenarios = new ArrayList<>(List.of("generic/plain-get"));
    small.failures().stream().filter(MatrixCell.Failure::expected).map(MatrixCell.Failure::scenario).forEach(scenarios::add);
    for (String id : scenarios) {
      String name = "server-" + stack.id() + "-" + version.replaceAll("[^A-Za-z0-9.]+", "_") + "-h2c-"
          + id.substring(id.indexOf('/') + 1) + ".pcapng";
      Files.createDirectories(captureDir);
      Process p = new ProcessBuilder(javaBin(), "-jar", captureJar.toString(), "check", "--target", server.url(),
          "--path", "/" + DocRoot.SMALL, "--only", id, "--pcap", captureDir.resolve(name).toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  /** The first finding's message (or the reason of an error), one line. */
  private static String detail(JsonNode scenario) {
    JsonNode findings = scenario.get("findings");
    if (findings != null && findings.size() > 0) {
      JsonNode f = findings.get(0);
      return f.get("rule").asText() + " (" + f.get("section").asText() + "): " + f.get("message").asText()
          + (findings.size() > 1 ? " (+" + (findings.size() - 1) + " more)" : "");
    }
    return scenario.has("reason") ? scenario.get("reason").asText() : "";
  }

  private static MatrixCell couldNotRun(String id, String name, String version, String role, Wire wire, String file,
                                        long size, String why) {
    return new MatrixCell(id, name, version, role, wire.label(), file, size, 0, 0, 0, 0, 0, 3,
        List.of(), List.of(), why, null);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Cells in report order: stack order as given, then transport, then file. */
  static Comparator<MatrixCell> order(List<ServerStack> stacks) {
    return orderOfIds(stacks.stream().map(ServerStack::id).toList());
  }

  static Comparator<MatrixCell> orderOfIds(List<String> ids) {
    return Comparator.<MatrixCell>comparingInt(c -> ids.indexOf(c.stack())).thenComparing(MatrixCell::transport)
        .thenComparing(c -> c.file().equals("small") ? 0 : 1);
  }

  static Path defaultJar() {
    return External.projectRoot().resolve("target/h2harness.jar");
  }
}
