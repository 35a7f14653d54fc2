package dev.h2harness.session;

import static dev.h2harness.frame.SettingsParameter.DEFAULT_WINDOW;
import static dev.h2harness.frame.SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
import dev.h2harness.session.ScenarioRun.ClientAction;
import dev.h2harness.session.ScenarioRun.ConnectionUpdate;
import dev.h2harness.session.ScenarioRun.InitialWindow;
import dev.h2harness.session.ScenarioRun.ResetStream;
import dev.h2harness.session.ScenarioRun.Scenario;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.session.ScenarioRun.StreamUpdate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for {@link ScenarioRun.Scenario}: biased toward small values and frame boundaries. */
final class SessionScenarios {
  private SessionScenarios() {}

  static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(maxFrameSizes(), windows(), streamSpecs().list().ofMinSize(1).ofMaxSize(4),
        clientActions().list().ofMaxSize(12)).as(Scenario::new);
  }

  /** Body lengths 0..1 MiB, mostly small or on a 16 KiB / 64 KiB boundary. */
  static Arbitrary<Integer> bodies() {
    return Arbitraries.frequencyOf(
        weighted(4, Arbitraries.of(0, 1, DEFAULT_MAX_FRAME_SIZE - 1, DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE + 1,
            DEFAULT_WINDOW, DEFAULT_WINDOW + 1)),
        weighted(4, Arbitraries.integers().between(0, 300)),
        weighted(3, Arbitraries.integers().between(0, 70_000)),
        weighted(1, Arbitraries.integers().between(0, 1 << 20)));
  }

  /**
   * Read chunk: none (0) or 1..20000; at least body/500 so that a 1 MiB body is not read one
   * octet at a time (the run stays within a few thousand frames).
   */
  static Arbitrary<Integer> chunks(int body) {
    int min = Math.max(1, body / 500);
    return Arbitraries.frequencyOf(
        weighted(2, Arbitraries.just(0)),
        weighted(2, Arbitraries.integers().between(min, Math.max(min, 300))),
        weighted(2, Arbitraries.integers().between(min, 20_000)));
  }

  /** PAD_NONE, 0..256 added, or PAD_MAX. */
  static Arbitrary<Integer> pads() {
    return Arbitraries.frequencyOf(
        weighted(3, Arbitraries.just(ScenarioRun.PAD_NONE)),
        weighted(3, Arbitraries.integers().between(0, 256)),
        weighted(1, Arbitraries.of(0, 1, 2, 255, 256)),
        weighted(2, Arbitraries.just(ScenarioRun.PAD_MAX)));
  }

  /** sendData returns: the five named codes mostly; fatal ones rare so most runs complete. */
  static Arbitrary<Integer> sendDataReturns() {
    return Arbitraries.frequencyOf(
        weighted(40, Arbitraries.just(0)),
        weighted(15, Arbitraries.just(NgError.WOULDBLOCK)),
        weighted(15, Arbitraries.just(NgError.PAUSE)),
        weighted(5, Arbitraries.just(NgError.TEMPORAL_CALLBACK_FAILURE)),
        weighted(1, Arbitraries.just(NgError.CALLBACK_FAILURE)),
        weighted(1, Arbitraries.integers()));
  }

  /** One stream's control headers (contract §4), without trailers. */
  static Arbitrary<ControlHeaders> streamSpecs() {
    return bodies().flatMap(body -> Combinators.combine(Arbitraries.just(body), chunks(body), pads(),
        sendDataReturns().map(SessionScenarios::outcome).list().ofMaxSize(8))
        .as((b, chunk, pad, script) -> new ControlHeaders(b, chunk, pad, script, false)));
  }

  /** A sendData return as the h2h-send-data item that asks for it, named when it has a name. */
  static SendDataOutcome outcome(int returned) {
    String name = returned == 0 ? "ok" : returned == NgError.WOULDBLOCK ? "wouldblock" : returned == NgError.PAUSE ? "pause"
        : returned == NgError.TEMPORAL_CALLBACK_FAILURE ? "temporal-failure"
        : returned == NgError.CALLBACK_FAILURE ? "callback-failure" : Integer.toString(returned);
    return SendDataOutcome.parse(name);
  }

  /** Peer SETTINGS_MAX_FRAME_SIZE 16384..16777215. */
  static Arbitrary<Integer> maxFrameSizes() {
    return Arbitraries.frequencyOf(
        weighted(3, Arbitraries.just(16384)),
        weighted(1, Arbitraries.of(16385, 32768, 65536, 16_777_215)),
        weighted(2, Arbitraries.integers().between(16384, 16_777_215)));
  }

  /** SETTINGS_INITIAL_WINDOW_SIZE 0..2^31-1, mostly small. */
  static Arbitrary<Integer> windows() {
    return Arbitraries.frequencyOf(
        weighted(3, Arbitraries.of(0, 1, 100, DEFAULT_MAX_FRAME_SIZE - 1, DEFAULT_MAX_FRAME_SIZE, DEFAULT_WINDOW)),
        weighted(3, Arbitraries.integers().between(0, 70_000)),
        weighted(1, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
  }

  static Arbitrary<Integer> increments() {
    return Arbitraries.frequencyOf(
        weighted(3, Arbitraries.of(1, 100, DEFAULT_MAX_FRAME_SIZE - 1, DEFAULT_MAX_FRAME_SIZE, DEFAULT_WINDOW)),
        weighted(4, Arbitraries.integers().between(1, 70_000)),
        weighted(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
  }

  static Arbitrary<ClientAction> clientActions() {
    return Arbitraries.frequencyOf(
        weighted(8, increments().map(ConnectionUpdate::new)),
        weighted(10, Combinators.combine(Arbitraries.integers().between(0, 3), increments()).as(StreamUpdate::new)),
        weighted(2, windows().map(InitialWindow::new)),
        weighted(1, Arbitraries.integers().between(0, 3).map(ResetStream::new)));
  }

  private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> a) {
    return net.jqwik.api.Tuple.of(weight, a);
  }
}
