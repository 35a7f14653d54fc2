package dev.h2harness.junit;

import dev.h2harness.check.Finding;
import dev.h2harness.cli.ScenarioFilter;
import dev.h2harness.peer.ClientListener;
import dev.h2harness.peer.TargetClass;
import dev.h2harness.peer.TargetProbe;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.peer.TlsTransport;
import dev.h2harness.peer.Transport;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The h2harness scenario catalogue as JUnit 5 dynamic tests, for a Java project that starts its
 * HTTP/2 server in its own tests:
 *
 * <pre>{@code
 * @TestFactory Stream<DynamicTest> http2Conformance() {
 *   return H2Harness.server(URI.create("http://127.0.0.1:" + port)).only("generic/").dynamicTests();
 * }
 * }</pre>
 *
 * <p>One dynamic test per scenario, named {@code ID: TITLE}. A scenario with findings fails with the
 * findings and the frame log as the assertion message; a scenario that cannot complete fails with
 * its reason; a scenario that needs the control headers (contract §4) against a target that does not
 * honour them is aborted with the reason (JUnit shows it as skipped), never passed. The target is
 * probed once, when the first test runs. Instances are immutable: each method returns a new one.
 *
 * <p>Clients the same way, with the client catalogue ({@code listen}): the harness listens on a
 * loopback port and hands each scenario's URL to the client under test:
 *
 * <pre>{@code
 * @TestFactory Stream<DynamicTest> http2ClientConformance() {
 *   return H2Harness.client().only("client/generic/").dynamicTests(url -> myClient.get(url));
 * }
 * }</pre>
 */
public final class H2Harness {
  /** The client under test: makes one request (or upload) to {@code url} on a new HTTP/2 connection (h2c, prior knowledge). */
  @FunctionalInterface
  public interface ClientUnderTest {
    void request(URI url) throws Exception;
  }

  /** How long the client under test may take to connect. */
  private static final int CLIENT_CONNECT_MILLIS = 10_000;

  /** The server under test, or null for the client role. */
  private final URI target;
  private final List<String> only;
  private final String path;
  private final Duration timeout;
  private final boolean insecure;

  private H2Harness(URI target, List<String> only, String path, Duration timeout, boolean insecure) {
    this.target = target;
    this.only = List.copyOf(only);
    this.path = path;
    this.timeout = timeout;
    this.insecure = insecure;
  }

  /**
   * A server under test at {@code http://HOST:PORT[/PATH]} (h2c with prior knowledge) or
   * {@code https://HOST:PORT[/PATH]} (TLS, ALPN h2); a PATH is what the generic scenarios request.
   *
   * @throws IllegalArgumentException for any other URL
   */
  public static H2Harness server(URI target) {
    Objects.requireNonNull(target, "target");
    if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("h2harness: use http://HOST:PORT (h2c) or https://HOST:PORT (TLS): " + target);
    }
    String p = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) p += "?" + target.getRawQuery();
    return new H2Harness(target, List.of(), p, Duration.ofSeconds(2), false);
  }

  /** The client role: scenarios from the client catalogue, run with {@link #dynamicTests(ClientUnderTest)}. */
  public static H2Harness client() {
    return new H2Harness(null, List.of(), "/", Duration.ofSeconds(2), false);
  }

  /**
   * Runs only scenarios matching one of {@code patterns}: an id, a prefix ending in {@code /}
   * ({@code "padding/"}), or a glob ({@code "generic/window-*"}); as {@code check --only}.
   */
  public H2Harness only(String... patterns) {
    List<String> all = new ArrayList<>(only);
    all.addAll(List.of(patterns));
    return new H2Harness(target, all, path, timeout, insecure);
  }

  /** How long any wait may go without an octet from the server (default 2 s), as {@code check --timeout}. */
  public H2Harness timeout(Duration idle) {
    if (idle.isNegative() || idle.isZero()) throw new IllegalArgumentException("h2harness: timeout must be positive");
    return new H2Harness(target, only, path, idle, insecure);
  }

  /** With https: accept any certificate, e.g. the server's self-signed one. */
  public H2Harness insecure() {
    return new H2Harness(target, only, path, timeout, true);
  }

  /** The ids of the scenarios {@link #dynamicTests()} runs, in order. */
  public List<String> scenarioIds() {
    return scenarios().stream().map(Scenario::id).toList();
  }

  /**
   * One dynamic test per selected scenario, in id order.
   *
   * @throws IllegalArgumentException when a pattern of {@link #only} matches no scenario
   */
  public Stream<DynamicTest> dynamicTests() {
    if (target == null) throw new IllegalStateException("h2harness: client() needs the client: dynamicTests(url -> ...)");
    Probe probe = new Probe();
    return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.id() + ": " + s.title(),
        URI.create("h2harness:" + s.id()), () -> judge(probe.runner().run(s))));
  }

  /**
   * For {@link #client()}: one dynamic test per selected client scenario, each calling {@code client}
   * once with the scenario's URL on a loopback port and judging the connection it makes. What the
   * client throws is not a verdict (a scenario may reset its request); it is told when the test fails.
   */
  public Stream<DynamicTest> dynamicTests(ClientUnderTest client) {
    if (target != null) throw new IllegalStateException("h2harness: a server(...) runs with dynamicTests()");
    Objects.requireNonNull(client, "client");
    Listener listener = new Listener();
    return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.id() + ": " + s.title(),
        URI.create("h2harness:" + s.id()), () -> judge(listener.run(s, client)))).onClose(listener::close);
  }

  private List<Scenario> scenarios() {
    List<Scenario> all;
    try {
      all = target == null ? Catalogue.builtIn(new ScenarioLoader("/", "h2harness"), true)
          : Catalogue.builtIn(new ScenarioLoader(path, target.getHost()));
    } catch (ScenarioException e) {
      throw new IllegalStateException("h2harness: the built-in catalogue does not load: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String unmatched = ScenarioFilter.unmatched(all, only);
    if (unmatched != null) throw new IllegalArgumentException("h2harness: only(\"" + unmatched + "\") matches no scenario");
    return ScenarioFilter.select(all, only);
  }

  private static void judge(ScenarioResult r) {
    switch (r.verdict()) {
      case PASS -> { }
      case NOT_APPLICABLE -> throw new TestAbortedException("not applicable: " + r.reason());
      case FAIL -> throw new AssertionFailedError(r.findings().size() + " finding"
          + (r.findings().size() == 1 ? "" : "s") + ":\n" + r.findings().stream().map(Finding::toString)
          .collect(Collectors.joining("\n")) + (r.reason().isEmpty() ? "" : "\n" + r.reason()) + frameLog(r));
      case ERROR -> throw new AssertionFailedError("could not complete: " + r.reason() + frameLog(r));
    }
  }

  private static String frameLog(ScenarioResult r) {
    return r.frameLog().isEmpty() ? "" : "\nframe log:\n" + String.join("\n", r.frameLog());
  }

  private int port() {
    return target.getPort() > 0 ? target.getPort() : tls() ? 443 : 80;
  }

  private boolean tls() {
    return target.getScheme().equals("https");
  }

  /** The loopback listener of the client role, opened when the first test runs. */
  private final class Listener {
    private ClientListener listener;

    synchronized ScenarioResult run(Scenario s, ClientUnderTest client) throws IOException, InterruptedException {
      if (listener == null) listener = new ClientListener("127.0.0.1", 0, null);
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      listener.drain();
      URI url = URI.create(listener.baseUrl() + s.clientPath());
      Throwable[] thrown = {null};
      Thread request = new Thread(() -> {
        try {
          client.request(url);
        } catch (Throwable e) {
          thrown[0] = e;
        }
      }, "h2harness-client-under-test");
      request.setDaemon(true);
      request.start();
      ScenarioResult r;
      try (Transport t = listener.accept(CLIENT_CONNECT_MILLIS)) {
        if (t == null) {
          request.join(millis);
          throw new AssertionFailedError("the client did not connect to " + url + " within " + CLIENT_CONNECT_MILLIS
              + " ms" + (thrown[0] == null ? "" : "; it threw " + thrown[0]));
        }
        r = new ListenRunner(millis, true).judge(s, t, "");
      }
      request.join(5L * millis);
      if (request.isAlive()) request.interrupt();
      boolean tell = thrown[0] != null && (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR);
      return !tell ? r : new ScenarioResult(s, r.verdict(), (r.reason().isEmpty() ? "" : r.reason() + "; ")
          + "the client threw " + thrown[0], r.findings(), r.frameLog(), r.nanos());
    }

    synchronized void close() {
      try {
        if (listener != null) listener.close();
      } catch (IOException e) {
        // nothing left to do with a listener that will not close
      }
    }
  }

  /** The target, classified once when the first test runs; a runner that knows what it found. */
  private final class Probe {
    private ScenarioRunner runner;
    private String cannotRun;

    synchronized ScenarioRunner runner() {
      if (cannotRun != null) throw new AssertionFailedError(cannotRun);
      if (runner != null) return runner;
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      ScenarioRunner.Connector connector = tls()
          ? () -> TlsTransport.connect(target.getHost(), port(), millis, insecure)
          : () -> TcpTransport.connect(target.getHost(), port(), millis);
      TargetClass kind;
      try (Transport t = connector.connect()) {
        kind = TargetProbe.classify(t, target.getScheme(), target.getHost(), path, millis, ScenarioRunner.HEADER_LIST_LIMIT);
      } catch (IOException e) {
        kind = new TargetClass.CouldNotRun("cannot connect: " + e.getMessage());
      }
      if (kind instanceof TargetClass.CouldNotRun c) {
        cannotRun = "h2harness: cannot run against " + target + ": " + c.line();
        throw new AssertionFailedError(cannotRun);
      }
      TargetClass.Http2 h2 = (TargetClass.Http2) kind;
      runner = new ScenarioRunner(connector, ScenarioRunner.IN_MEMORY_REFERENCE, millis, true)
          .knowingControl(h2.honoursControl(), h2.controlNote());
      return runner;
    }
  }
}
