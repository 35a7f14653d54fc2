package dev.h2harness.shim;

import static dev.h2harness.frame.SettingsParameter.DEFAULT_WINDOW;
import static dev.h2harness.frame.SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
import dev.h2harness.cli.ClientScenarioRun;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.fuzz.CaseGenerator;
import dev.h2harness.fuzz.CaseYaml;
import dev.h2harness.fuzz.ClientCampaign;
import dev.h2harness.fuzz.FuzzCase;
import dev.h2harness.peer.ClientListener;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
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

/**
 * The differential campaign in the client role: generated uploads (body, reads, padding, send-data
 * returns, trailers, windows, frame sizes) made by libnghttp2 in the shim's client mode and by the
 * reference client in memory, compared per frame, ending and call log. jqwik shrinks a mismatch;
 * the failure message is the shrunk client scenario.
 */
@AddLifecycleHook(DifferentialProperties.SkipWithoutShim.class)
class ClientDifferentialProperties {
  private static Path shim;
  private static ClientListener listener;

  @BeforeContainer
  static void start() throws Exception {
    shim = ShimProcess.build();
    listener = new ClientListener("127.0.0.1", 0, null);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (listener != null) listener.close();
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.FULL, afterFailure = AfterFailureMode.RANDOM_SEED)
  void libnghttp2UploadsWhatTheReferenceClientUploads(@ForAll("cases") FuzzCase c) {
    ListenRunner runner = new ListenRunner(2000, false);
    ClientCampaign campaign = new ClientCampaign(
        s -> ClientScenarioRun.run(s, shim + " client {url}", listener, runner, 2000), null);
    ScenarioResult r = campaign.run(c, "client/regressions/differential");
    if (r.verdict() != Verdict.PASS) {
      throw new AssertionError("libnghttp2 and the reference client differ (" + r.verdict() + " " + r.reason() + "):\n"
          + r.findings().stream().map(Object::toString).reduce("", (a, b) -> a + "  " + b + "\n")
          + "as a scenario for scenarios/client/regressions/:\n"
          + CaseYaml.writeClient("client/regressions/differential", "shrunk", c));
    }
  }

  @Provide
  Arbitrary<FuzzCase> cases() {
    Arbitrary<Integer> window = Arbitraries.oneOf(Arbitraries.of(0, 1, 100, DEFAULT_MAX_FRAME_SIZE - 1, DEFAULT_WINDOW),
        Arbitraries.integers().between(1, 1 << 20));
    Arbitrary<Integer> maxFrame = Arbitraries.oneOf(Arbitraries.just(16384), Arbitraries.integers().between(16384, 16777215));
    Arbitrary<Integer> credit = Arbitraries.integers().between(1, 70_000);
    return Combinators.combine(window, maxFrame, credit, upload())
        .as((w, f, cr, s) -> new FuzzCase(w, f, cr, List.of(CaseGenerator.bounded(s, w, cr, 300))));
  }

  private static Arbitrary<ControlHeaders> upload() {
    Arbitrary<Long> body = Arbitraries.oneOf(Arbitraries.of(0L, 1L, DEFAULT_MAX_FRAME_SIZE - 1L,
        (long) DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE + 1L, (long) DEFAULT_WINDOW, DEFAULT_WINDOW + 1L),
        Arbitraries.longs().between(0, 300_000));
    Arbitrary<Integer> chunk = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 20_000));
    Arbitrary<Integer> pad = Arbitraries.oneOf(Arbitraries.of(-1, 0, 1, 2, 255, 256, ControlHeaders.PAD_MAX),
        Arbitraries.integers().between(0, 300));
    Arbitrary<SendDataOutcome> outcome = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just(SendDataOutcome.OK)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of("wouldblock", "pause", "temporal-failure").map(SendDataOutcome::parse)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("callback-failure", "-1", "1", "-100000").map(SendDataOutcome::parse)));
    return Combinators.combine(body, chunk, pad, outcome.list().ofMaxSize(6),
        Arbitraries.integers().between(0, 4).map(i -> i == 0)).as(ControlHeaders::new);
  }
}
