package dev.h2harness.shim;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.fuzz.Campaign;
import dev.h2harness.fuzz.CaseGenerator;
import dev.h2harness.fuzz.CaseYaml;
import dev.h2harness.fuzz.FuzzCase;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The differential campaign: generated control-header cases run against the reference server (the
 * reference session on its event loop, over loopback) and against libnghttp2 (the shim), compared per stream — DATA frames byte for byte in shape, RST_STREAM
 * codes, closure, call logs. jqwik shrinks a mismatch; the failure message is the shrunk scenario,
 * ready for scenarios/regressions/.
 */
@AddLifecycleHook(DifferentialProperties.SkipWithoutShim.class)
class DifferentialProperties {
  private static ShimProcess shim;
  private static ReferenceServer reference;

  @BeforeContainer
  static void start() throws Exception {
    shim = ShimProcess.start();
    reference = ReferenceServer.start(ServerOptions.defaults());
  }

  @AfterContainer
  static void stop() {
    if (shim != null) shim.close();
    if (reference != null) reference.close();
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.FULL)
  void libnghttp2WritesWhatTheReferenceSessionWrites(@ForAll("cases") FuzzCase c) {
    ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000),
        () -> TcpTransport.connect("127.0.0.1", reference.port(), 2000), 2000, false);
    ScenarioResult r = new Campaign(runner, null).run(c, "regressions/differential");
    if (r.verdict() != Verdict.PASS) {
      throw new AssertionError("libnghttp2 and the reference session differ (" + r.verdict() + " " + r.reason() + "):\n"
          + r.findings().stream().map(Object::toString).reduce("", (a, b) -> a + "  " + b + "\n")
          + "as a scenario for scenarios/regressions/:\n" + CaseYaml.write("regressions/differential", "shrunk", c));
    }
  }

  @Provide
  Arbitrary<FuzzCase> cases() {
    Arbitrary<Integer> window = Arbitraries.oneOf(Arbitraries.of(0, 1, 100, 16383, 65535),
        Arbitraries.integers().between(1, 1 << 20));
    Arbitrary<Integer> maxFrame = Arbitraries.oneOf(Arbitraries.just(16384), Arbitraries.integers().between(16384, 16777215));
    Arbitrary<Integer> credit = Arbitraries.integers().between(1, 70_000);
    Arbitrary<List<ControlHeaders>> streams = stream().list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(window, maxFrame, credit, streams).as(DifferentialProperties::bounded)
        .filter(c -> c.streams().size() == 1 || c.streams().stream().noneMatch(ControlHeaders::endsConnection));
  }

  private static FuzzCase bounded(int window, int maxFrame, int credit, List<ControlHeaders> streams) {
    return new FuzzCase(window, maxFrame, credit,
        streams.stream().map(s -> CaseGenerator.bounded(s, window, credit, 300)).toList());
  }

  private static Arbitrary<ControlHeaders> stream() {
    Arbitrary<Long> body = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 16383L, 16384L, 16385L, 65535L, 65536L),
        Arbitraries.longs().between(0, 1 << 20));
    Arbitrary<Integer> chunk = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 20_000));
    Arbitrary<Integer> pad = Arbitraries.oneOf(Arbitraries.of(-1, 0, 1, 2, 255, 256, ControlHeaders.PAD_MAX),
        Arbitraries.integers().between(0, 300));
    Arbitrary<SendDataOutcome> outcome = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just(SendDataOutcome.OK)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of("wouldblock", "pause", "temporal-failure").map(SendDataOutcome::parse)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("callback-failure", "-1", "1", "-100000").map(SendDataOutcome::parse)));
    Arbitrary<List<SendDataOutcome>> script = outcome.list().ofMaxSize(6);
    return Combinators.combine(body, chunk, pad, script, Arbitraries.integers().between(0, 4).map(i -> i == 0))
        .as(ControlHeaders::new);
  }

  /** Skips the property with a printed reason where the shim cannot be built, unless CI requires it. */
  static final class SkipWithoutShim implements SkipExecutionHook {
    @Override public SkipResult shouldBeSkipped(LifecycleContext context) {
      String why = ShimProcess.cannotBuild();
      if (why == null || dev.h2harness.External.REQUIRED) return SkipResult.doNotSkip();
      System.err.println("SKIPPED: " + why);
      return SkipResult.skip(why);
    }
  }
}
