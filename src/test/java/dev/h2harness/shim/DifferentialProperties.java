package dev.h2harness.shim;

import static dev.h2harness.frame.SettingsParameter.DEFAULT_WINDOW;
import static dev.h2harness.frame.SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
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
import dev.h2harness.shim.ShimProcess.Shim;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * reference session on its event loop, over loopback) and against libnghttp2 behind each shim (C,
 * and Rust over libnghttp2-sys), compared per stream — DATA frames byte for byte in shape,
 * RST_STREAM codes, closure, call logs. jqwik shrinks a mismatch; the failure message is the shrunk
 * scenario, ready for scenarios/regressions/.
 */
@AddLifecycleHook(DifferentialProperties.SkipWithoutShim.class)
class DifferentialProperties {
  private static final Map<Shim, ShimProcess> SHIMS = new EnumMap<>(Shim.class);
  private static ReferenceServer reference;

  /** The shim a property runs against. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Against {
    Shim value();
  }

  @BeforeContainer
  static void start() throws Exception {
    for (Shim kind : Shim.values()) {
      if (kind.cannotBuild() == null || dev.h2harness.External.REQUIRED) SHIMS.put(kind, ShimProcess.start(kind, Map.of()));
    }
    reference = ReferenceServer.start(ServerOptions.defaults());
  }

  @AfterContainer
  static void stop() {
    SHIMS.values().forEach(ShimProcess::close);
    SHIMS.clear();
    if (reference != null) reference.close();
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.FULL)
  @Against(Shim.C)
  void libnghttp2WritesWhatTheReferenceSessionWrites(@ForAll("cases") FuzzCase c) {
    sameAsReference(Shim.C, c);
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.FULL)
  @Against(Shim.RUST)
  void rustShimOverLibnghttp2SysWritesWhatTheReferenceSessionWrites(@ForAll("cases") FuzzCase c) {
    sameAsReference(Shim.RUST, c);
  }

  private static void sameAsReference(Shim kind, FuzzCase c) {
    ShimProcess shim = SHIMS.get(kind);
    ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000),
        () -> TcpTransport.connect("127.0.0.1", reference.port(), 2000), 2000, false);
    ScenarioResult r = new Campaign(runner, null).run(c, "regressions/differential");
    if (r.verdict() != Verdict.PASS) {
      throw new AssertionError("libnghttp2 (" + kind + " shim) and the reference session differ (" + r.verdict() + " "
          + r.reason() + "):\n"
          + r.findings().stream().map(Object::toString).reduce("", (a, b) -> a + "  " + b + "\n")
          + "as a scenario for scenarios/regressions/:\n" + CaseYaml.write("regressions/differential", "shrunk", c));
    }
  }

  @Provide
  Arbitrary<FuzzCase> cases() {
    Arbitrary<Integer> window = Arbitraries.oneOf(Arbitraries.of(0, 1, 100, DEFAULT_MAX_FRAME_SIZE - 1, DEFAULT_WINDOW),
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
    Arbitrary<Long> body = Arbitraries.oneOf(Arbitraries.of(0L, 1L, DEFAULT_MAX_FRAME_SIZE - 1L,
        (long) DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE + 1L, (long) DEFAULT_WINDOW, DEFAULT_WINDOW + 1L),
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

  /** Skips a property with a printed reason where its shim cannot be built, unless CI requires it. */
  static final class SkipWithoutShim implements SkipExecutionHook {
    @Override public SkipResult shouldBeSkipped(LifecycleContext context) {
      String why = context.findAnnotation(Against.class).map(a -> a.value().cannotBuild())
          .orElseGet(() -> java.util.Arrays.stream(Shim.values()).allMatch(k -> k.cannotBuild() != null)
              ? "no shim can be built here" : null);
      if (why == null || dev.h2harness.External.REQUIRED) return SkipResult.doNotSkip();
      System.err.println("SKIPPED: " + why);
      return SkipResult.skip(why);
    }
  }
}
