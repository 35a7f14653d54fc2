package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.check.StreamView;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.peer.Capture;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.InMemoryTransport;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.peer.RequestFields;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.ScriptedPeer;
import dev.h2harness.peer.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario against a target. A control-header scenario runs first against the in-memory
 * reference server, the oracle: its DATA frames, stream endings, closure and call log are what
 * the target must reproduce (contract §1–2). Findings come from the checks' rules, from the
 * peer's waits, from the oracle comparison and from the scenario's {@code expect:} block.
 */
public final class ScenarioRunner {
  /** Opens a fresh connection to the target for each scenario. */
  @FunctionalInterface
  public interface Connector {
    Transport connect() throws IOException;
  }

  /** Octets of a connection kept for the frame log and exports; the checks see every octet. */
  static final int CAPTURE_KEEP = 4 << 20;

  /** The in-memory reference server: the oracle of {@code check}. */
  public static final Connector IN_MEMORY_REFERENCE = () -> new InMemoryTransport(-1);

  private final Connector target;
  private final Connector reference;
  /** RFC 9113 §6.5.2: the SETTINGS_MAX_HEADER_LIST_SIZE the peer announces unless a scenario sets one. */
  public static final int HEADER_LIST_LIMIT = 64 * 1024;

  private final int timeoutMillis;
  private final int budgetMillis;
  private final boolean frameLog;
  /** Receives the capture of each scenario's connection to the target (reports, pcapng). */
  private java.util.function.BiConsumer<Scenario, Capture> captureListener = (s, c) -> { };
  /** Whether the target answers control headers with {@code h2h-version}; null until probed. */
  private Boolean honoursControl;
  /** Whether a reaction weaker than an outcome requires is a lenient pass instead of a failure. */
  private boolean lenient;
  private String controlNote = "the target does not honour the control headers: it "
      + "answered h2h-body: 0 without an h2h-version header (contract §4)";

  public ScenarioRunner(Connector target, int timeoutMillis, boolean frameLog) {
    this(target, IN_MEMORY_REFERENCE, timeoutMillis, frameLog);
  }

  public ScenarioRunner(Connector target, Connector reference, int timeoutMillis, boolean frameLog) {
    this(target, reference, timeoutMillis, ScriptedPeer.budgetFor(timeoutMillis), frameLog);
  }

  /**
   * @param reference the target whose run of a control-header scenario is the expectation: the
   *     in-memory reference server for {@code check}, any cooperating target for a differential run
   */
  /**
   * @param timeoutMillis how long any wait may go without an octet from the target
   * @param budgetMillis how long one scenario may take against a target that makes slow progress
   */
  public ScenarioRunner(Connector target, Connector reference, int timeoutMillis, int budgetMillis, boolean frameLog) {
    this.target = target;
    this.reference = reference;
    this.timeoutMillis = timeoutMillis;
    this.budgetMillis = budgetMillis;
    this.frameLog = frameLog;
  }

  /**
   * Takes what a probe of the whole run found out, so that no scenario asks again.
   *
   * @param why the reason control-header scenarios are not applicable, when {@code honours} is false
   */
  public synchronized ScenarioRunner knowingControl(boolean honours, String why) {
    honoursControl = honours;
    if (!honours && why != null && !why.isEmpty()) controlNote = why;
    return this;
  }

  /** {@code --lenient}: a weaker reaction than the outcomes require passes, marked {@link Verdict#LENIENT}. */
  public synchronized ScenarioRunner lenient(boolean on) {
    lenient = on;
    return this;
  }

  /** How long one scenario may take. */
  public int budgetMillis() {
    return budgetMillis;
  }

  /**
   * Hands every scenario's capture of the target connection to {@code listener} once it ends. Scenarios
   * may run concurrently: the listener is called from the thread that ran the scenario.
   */
  public void onCapture(java.util.function.BiConsumer<Scenario, Capture> listener) {
    this.captureListener = listener;
  }

  /** One side's run: what the peer saw, the model's view, and the call logs fetched. */
  record Run(PeerResult peer, ConnectionModel model, List<String> log, java.util.Map<Integer, String> callLogs,
             Capture capture, dev.h2harness.check.ConnectionError violation) {}

  /** The reference this runner compares control scenarios with (for a saved run's oracle). */
  Connector reference() {
    return reference;
  }

  public ScenarioResult run(Scenario s) {
    return run(s, budgetMillis);
  }

  /** Runs {@code s} within {@code budgetMillis}, e.g. what is left of a whole run's budget. */
  public ScenarioResult run(Scenario s, int budgetMillis) {
    long began = System.nanoTime();
    if (s.control() && !honoursControl()) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, controlNote(), List.of(), List.of(),
          System.nanoTime() - began);
    }
    Run oracle = null;
    if (s.control()) {
      try (Transport ref = reference.connect()) {
        oracle = play(s, ref, reference, false, budgetMillis);
      } catch (IOException e) {
        return new ScenarioResult(s, Verdict.ERROR, "could not connect to the reference: " + e.getMessage(),
            List.of(), List.of(), System.nanoTime() - began);
      }
      if (oracle.peer().outcome() == PeerResult.Outcome.TIMEOUT) {
        return new ScenarioResult(s, Verdict.ERROR, "the scenario does not complete against the reference: "
            + oracle.peer().detail(), List.of(), List.of(), System.nanoTime() - began);
      }
    }
    Transport t;
    try {
      t = target.connect();
    } catch (IOException e) {
      return new ScenarioResult(s, Verdict.ERROR, "could not connect: " + e.getMessage(), List.of(), List.of(),
          System.nanoTime() - began);
    }
    Run actual;
    try (t) {
      actual = play(s, t, target, frameLog, budgetMillis);
      captureListener.accept(s, actual.capture());
    } catch (IOException e) {
      return new ScenarioResult(s, Verdict.ERROR, "connection failed: " + e.getMessage(), List.of(), List.of(),
          System.nanoTime() - began);
    }
    if (actual.peer().outcome() == PeerResult.Outcome.BUDGET && budgetMillis < this.budgetMillis) {
      return ScenarioResult.cutByBudget(s, "not completed: the whole run's budget ran out after " + budgetMillis
          + " ms of this scenario", actual.log(), System.nanoTime() - began);
    }
    String notApplicable = s.control() ? controlNotHonoured(s, actual) : null;
    if (notApplicable != null) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, notApplicable, List.of(), actual.log(), System.nanoTime() - began);
    }
    PeerResult.Outcome how = actual.peer().outcome();
    if (how == PeerResult.Outcome.VIOLATION && actual.model().findings().isEmpty() && actual.violation() != null) {
      // A violation seen on a second connection (second-connection step): its root finding.
      return new ScenarioResult(s, Verdict.FAIL, "", List.of(actual.violation().root()), actual.log(),
          System.nanoTime() - began);
    }
    java.util.Optional<String> cannotTest = actual.peer().notApplicable();
    if (cannotTest.isPresent()) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, cannotTest.get(), List.of(), actual.log(),
          System.nanoTime() - began);
    }
    if (!s.outcomes().isEmpty() && (how == PeerResult.Outcome.COMPLETED || how == PeerResult.Outcome.CLOSED)) {
      return judgeOutcomes(s, actual, System.nanoTime() - began);
    }
    List<Finding> findings = RootCause.findings(s, actual, oracle, timeoutMillis, budgetMillis);
    Verdict v = findings.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    return new ScenarioResult(s, v, "", findings, actual.log(), System.nanoTime() - began);
  }

  /** The target's reaction against the scenario's {@code outcomes:}; with --lenient a weaker one is LENIENT. */
  private ScenarioResult judgeOutcomes(Scenario s, Run actual, long nanos) {
    List<Finding> findings = new ArrayList<>(actual.model().findings());
    OutcomeCheck.Result r = OutcomeCheck.judge(s, actual.model(), actual.peer(), timeoutMillis);
    findings.addAll(new ExpectationCheck(s.expect(), actual.model(), actual.peer()).findings());
    if (findings.isEmpty() && r.weakerOnly() && lenient) {
      String why = r.findings().stream().map(Finding::message).collect(java.util.stream.Collectors.joining("; "));
      return new ScenarioResult(s, Verdict.LENIENT, "lenient: " + why, r.findings(), actual.log(), nanos);
    }
    findings.addAll(r.findings());
    return new ScenarioResult(s, findings.isEmpty() ? Verdict.PASS : Verdict.FAIL, "", findings, actual.log(), nanos);
  }

  /**
   * Asks the target once, on a connection of its own, for {@code h2h-body: 0}. A target that
   * answers without {@code h2h-version} does not cooperate; one that does not answer at all is
   * given the benefit of the doubt, and its scenarios report what happens.
   */
  private synchronized String controlNote() {
    return controlNote;
  }

  private synchronized boolean honoursControl() {
    if (honoursControl == null) {
      honoursControl = true;
      try (Transport t = target.connect()) {
        ConnectionModel model = new ConnectionModel(true);
        PeerResult r = new ScriptedPeer(t, model, new Capture(0), timeoutMillis, budgetMillis,
            FlowPolicy.replenishToDefaultWindows())
            .run(true, List.of(new PeerStep.Settings(List.of()),
                new PeerStep.Request(1, RequestFields.get("h2harness", "/", HeaderField.of("h2h-body", "0")), true, false),
                new PeerStep.WaitStream(1)));
        StreamView v = model.stream(1);
        if (r.outcome() == PeerResult.Outcome.COMPLETED && v != null && !v.responseHeaders().isEmpty()) {
          honoursControl = v.responseHeaders().stream().anyMatch(f -> f.name().equals("h2h-version"));
        }
      } catch (IOException e) {
        // Unreachable now: the scenario will say so itself.
      }
    }
    return honoursControl;
  }

  Run play(Scenario s, Transport t, Connector again, boolean keepLog, int budgetMillis) {
    List<String> log = new ArrayList<>();
    ConnectionModel model = new ConnectionModel(true, Rules.standard(),
        keepLog ? line -> log.add(line.toString()) : null, ControlBodies.of(s));
    Capture capture = new Capture(CAPTURE_KEEP);
    ScriptedPeer peer = new ScriptedPeer(t, model, capture, timeoutMillis, budgetMillis, s.flow())
        .withOpener(again::connect).closeIsDefence(s.attack());
    List<PeerStep> steps = new ArrayList<>();
    steps.add(new PeerStep.Settings(withHeaderListLimit(s.settings())));
    steps.addAll(s.steps());
    if (!s.outcomes().isEmpty()) {
      steps.add(new PeerStep.AwaitReaction(s.outcomeStream(), s.outcomes().stream().anyMatch(o -> o instanceof Outcome.Ignored)));
    }
    List<Integer> control = s.controlStreams();
    int nextStream = nextFreeStream(s);
    java.util.Map<Integer, Integer> logStreams = new java.util.LinkedHashMap<>();
    // The call logs are fetched together: all requests first, then the waits (one round trip).
    for (int stream : control) {
      logStreams.put(stream, nextStream);
      steps.add(new PeerStep.Request(nextStream, RequestFields.get("h2harness", "/h2h/log?stream=" + stream), true, true));
      steps.add(new PeerStep.Credit(nextStream, 1 << 20));
      nextStream += 2;
    }
    logStreams.values().forEach(logStream -> steps.add(new PeerStep.WaitStream(logStream)));
    PeerResult result = peer.run(s.preface(), steps);
    capture.targetClosed(model.connectionClosed());
    java.util.Map<Integer, String> callLogs = new java.util.HashMap<>();
    logStreams.forEach((stream, logStream) -> {
      byte[] body = result.bodies().get(logStream);
      StreamView v = model.stream(logStream);
      if (body != null && v != null && v.status() == 200 && v.endStreamSeen()) {
        callLogs.put(stream, new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
    });
    return new Run(result, model, log, callLogs, capture, peer.violation());
  }

  /** Names a step of the list {@link #play} ran: the SETTINGS, a scenario step, or a log fetch. */
  static String stepName(int index, int scenarioSteps) {
    if (index < 0) return "connecting";
    if (index == 0) return "the peer's SETTINGS";
    if (index <= scenarioSteps) return "step " + index;
    return "fetching the call log";
  }

  static int nextFreeStream(Scenario s) {
    int max = 0;
    for (PeerStep step : s.steps()) {
      if (step instanceof PeerStep.Request r) max = Math.max(max, r.streamId());
    }
    return (max | 1) + 2;
  }

  private static String controlNotHonoured(Scenario s, Run actual) {
    for (int stream : s.controlStreams()) {
      StreamView v = actual.model().stream(stream);
      if (v == null || v.responseHeaders().isEmpty()) continue;
      boolean honoured = v.responseHeaders().stream().anyMatch(f -> f.name().equals("h2h-version"));
      if (!honoured) {
        return "the target does not honour the control headers: its response on stream " + stream
            + " has no h2h-version header (contract §4)";
      }
    }
    return null;
  }

  /** The scenario's SETTINGS, with the harness's header list limit unless the scenario sets its own. */
  static List<dev.h2harness.frame.Setting> withHeaderListLimit(List<dev.h2harness.frame.Setting> settings) {
    var id = dev.h2harness.frame.SettingsParameter.MAX_HEADER_LIST_SIZE;
    if (settings.stream().anyMatch(x -> x.parameter() == id)) return settings;
    List<dev.h2harness.frame.Setting> all = new ArrayList<>(settings);
    all.add(new dev.h2harness.frame.Setting(id, HEADER_LIST_LIMIT));
    return all;
  }
}
