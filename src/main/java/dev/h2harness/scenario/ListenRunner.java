package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.check.StreamView;
import dev.h2harness.control.ControlHeaderException;
import dev.h2harness.control.ControlledClient;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.peer.Capture;
import dev.h2harness.peer.InMemoryClientTransport;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.ScriptedPeer;
import dev.h2harness.peer.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one client connection as one client scenario (the {@code listen} command): the harness
 * plays the server's script, the checks judge the client's bytes, and for a control scenario the
 * reference client's run of the same script in memory is the expectation (contract §5), compared
 * as {@code check} compares a cooperating server's.
 */
public final class ListenRunner {
  private final int timeoutMillis;
  private final boolean frameLog;
  /** Receives the capture of each client's connection (reports, pcapng). */
  private java.util.function.BiConsumer<Scenario, Capture> captureListener = (s, c) -> { };

  public ListenRunner(int timeoutMillis, boolean frameLog) {
    this.timeoutMillis = timeoutMillis;
    this.frameLog = frameLog;
  }

  /**
   * Judges the client on {@code t}. {@code client} says how the client's process ended (exit
   * status, stderr tail), or is empty when the client was not started by the harness.
   */
  public ScenarioResult judge(Scenario s, Transport t, String client) {
    long began = System.nanoTime();
    ScenarioRunner.Run actual = play(s, t, frameLog);
    captureListener.accept(s, actual.capture());
    return judge(s, actual, client, began);
  }

  /** Hands the capture of every judged client's connection to {@code listener}. */
  public void onCapture(java.util.function.BiConsumer<Scenario, Capture> listener) {
    this.captureListener = listener;
  }

  /** The verdict on a run already played, e.g. against a client in the same process. */
  ScenarioResult judge(Scenario s, ScenarioRunner.Run actual, String client, long began) {
    String noUpload = withoutUpload(s, actual);
    if (noUpload != null) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, noUpload, List.of(), actual.log(), System.nanoTime() - began);
    }
    if (s.control()) {
      String na = notCooperating(actual);
      if (na != null) {
        return new ScenarioResult(s, Verdict.NOT_APPLICABLE, na, List.of(), actual.log(), System.nanoTime() - began);
      }
    }
    ScenarioRunner.Run oracle = null;
    if (s.control()) {
      try {
        oracle = play(s, new InMemoryClientTransport(s.clientPath()), false);
      } catch (ControlHeaderException e) {
        return new ScenarioResult(s, Verdict.ERROR, "the scenario's upload is malformed: " + e.getMessage(),
            List.of(), List.of(), System.nanoTime() - began);
      }
      if (oracle.peer().outcome() == PeerResult.Outcome.TIMEOUT) {
        return new ScenarioResult(s, Verdict.ERROR, "the scenario does not complete against the reference client: "
            + oracle.peer().detail(), List.of(), List.of(), System.nanoTime() - began);
      }
    }
    List<Finding> findings = new ArrayList<>(RootCause.findings(onClientStreams(s, actual.model()), actual, oracle, timeoutMillis,
        ScriptedPeer.budgetFor(timeoutMillis)));
    findings.addAll(settingsAck(actual.model()));
    Verdict v = findings.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    return new ScenarioResult(s, v, client, findings, actual.log(), System.nanoTime() - began);
  }

  /** The verdict when no client connected. */
  public static ScenarioResult couldNotRun(Scenario s, String why, long nanos) {
    return new ScenarioResult(s, Verdict.ERROR, why, List.of(), List.of(), nanos);
  }

  /** Plays the server's side of {@code s} on {@code t}: SETTINGS, the steps, the log hand-over, the end. */
  ScenarioRunner.Run play(Scenario s, Transport t, boolean keepLog) {
    List<String> log = new ArrayList<>();
    ConnectionModel model = new ConnectionModel(false, Rules.clientRole(),
        keepLog ? line -> log.add(line.toString()) : null, ControlBodies.of(s));
    Capture capture = new Capture(ScenarioRunner.CAPTURE_KEEP);
    ScriptedPeer peer = new ScriptedPeer(t, model, capture, timeoutMillis, s.flow())
        .serving(answeredByScript(s));
    if (s.control()) peer.requiringCooperation();
    List<PeerStep> steps = new ArrayList<>();
    steps.add(new PeerStep.Settings(ScenarioRunner.withHeaderListLimit(s.settings())));
    steps.addAll(s.steps());
    boolean goAway = s.steps().stream().anyMatch(step -> step instanceof PeerStep.GoAway);
    if (s.control() && !goAway) {
      // contract §5: the call log comes on the client's second stream once its first has ended
      // (not after the harness's GOAWAY: the client may open no stream then).
      steps.add(new PeerStep.WaitStream(1));
      steps.add(new PeerStep.Credit(3, 1 << 20));
      steps.add(new PeerStep.WaitStream(3));
    }
    steps.add(new PeerStep.ExpectClose());
    PeerResult result = peer.run(false, steps);
    capture.targetClosed(model.connectionClosed());
    if (result.outcome() == PeerResult.Outcome.EXPECTATION && result.step() == steps.size() - 1) {
      // A client may keep an idle connection open: the end of the script is not a finding.
      result = PeerResult.completed(steps.size(), result.bodies(), result.elapsedNanos());
    } else if (result.outcome() == PeerResult.Outcome.CLOSED && result.step() >= s.steps().size() + 1) {
      // The client closed after the script: how a client ends its work.
      result = PeerResult.completed(steps.size(), result.bodies(), result.elapsedNanos());
    }
    Map<Integer, String> callLogs = new HashMap<>();
    for (StreamView v : model.streams()) {
      String path = value(v.requestHeaders(), ":path");
      byte[] body = result.bodies().get(v.id());
      if (path != null && path.equals(ControlledClient.LOG_PATH) && body != null && v.endStreamSeen()) {
        callLogs.put(1, new String(body, StandardCharsets.UTF_8).trim());
      }
    }
    return new ScenarioRunner.Run(result, model, log, callLogs, capture, null);
  }

  /**
   * {@code s} with its {@code expect.streams} ids read as the steps read them: 2k+1 names the
   * client's (k+1)-th request stream (a client may open streams with PRIORITY alone first, or
   * start above 1). A stream the client never opened keeps its number and is judged as absent.
   */
  static Scenario onClientStreams(Scenario s, ConnectionModel model) {
    if (s.expect().streams().isEmpty()) return s;
    List<Integer> requests = new ArrayList<>();
    for (StreamView v : model.streams()) {
      if ((v.id() & 1) == 1 && !v.requestHeaders().isEmpty()) requests.add(v.id());
    }
    requests.sort(null);
    return s.withExpect(s.expect().onStreams(logical -> {
      int k = (logical - 1) / 2;
      return logical % 2 == 1 && k < requests.size() ? requests.get(k) : logical;
    }));
  }

  /** The logical streams the script answers or resets itself; the peer answers the others. */
  private static Set<Integer> answeredByScript(Scenario s) {
    Set<Integer> out = new HashSet<>();
    for (PeerStep step : s.steps()) {
      if (step instanceof PeerStep.Respond r) out.add(r.streamId());
      if (step instanceof PeerStep.RstStream r) out.add(r.streamId());
    }
    return out;
  }

  /** A scenario that reacts to an upload says nothing about a client whose first request has no body. */
  private static String withoutUpload(Scenario s, ScenarioRunner.Run actual) {
    if (s.steps().stream().noneMatch(step -> step instanceof PeerStep.WaitBody)) return null;
    for (StreamView v : actual.model().streams()) {
      if (v.requestHeaders().isEmpty()) continue;
      return v.endStreamSeen() && v.dataFrameCount() == 0
          ? "the scenario reacts to an upload and the client's request on stream " + v.id() + " has no body" : null;
    }
    return null;
  }

  /** A control scenario needs a client that announces it cooperates ({@code h2h-version: 1}). */
  private static String notCooperating(ScenarioRunner.Run actual) {
    for (StreamView v : actual.model().streams()) {
      if (v.requestHeaders().isEmpty()) continue;
      if (v.requestHeaders().stream().anyMatch(f -> f.name().equals("h2h-version"))) return null;
      return "the client does not honour the control parameters: its request on stream " + v.id()
          + " has no h2h-version header (contract §5)";
    }
    return null;
  }

  /** RFC 9113 §6.5.3: the client acknowledges the harness's SETTINGS. */
  private static List<Finding> settingsAck(ConnectionModel model) {
    // A client told to go away (GOAWAY) may close before it gets to the ACK; and when a client closes,
    // the harness's last WINDOW_UPDATE can draw a TCP reset that discards the ACK unread: judged only
    // on connections the client kept open.
    if (model.peerSettingsSent() == 0 || model.targetSettingsAcks() > 0 || model.targetOffset() == 0
        || model.goAwayFromPeer().isPresent() || model.connectionClosed()) {
      return List.of();
    }
    return List.of(new Finding(ScenarioRules.SETTINGS_ACK, "RFC 9113 §6.5.3", 0, -1, model.targetOffset(),
        "a SETTINGS frame with ACK", "none", "the client never acknowledged the harness's SETTINGS",
        Direction.FROM_TARGET));
  }

  private static String value(List<HeaderField> fields, String name) {
    for (HeaderField f : fields) {
      if (f.name().equals(name)) return f.value();
    }
    return null;
  }
}
