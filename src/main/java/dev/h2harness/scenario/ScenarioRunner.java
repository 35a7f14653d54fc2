package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.FrameLogLine;
import dev.h2harness.check.Rules;
import dev.h2harness.check.StreamView;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.peer.Capture;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.InMemoryTransport;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.ScriptedPeer;
import dev.h2harness.peer.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario against a target. A control-header scenario runs first against the in-memory
 * reference server, the oracle: its DATA frames, stream endings, closure and call log are what
 * the target must reproduce (CONTRACT §1–2). Findings come from the checks' rules, from the
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
  private final int timeoutMillis;
  private final boolean frameLog;
  /** Whether the target answers control headers with {@code h2h-version}; null until probed. */
  private Boolean honoursControl;

  public ScenarioRunner(Connector target, int timeoutMillis, boolean frameLog) {
    this(target, IN_MEMORY_REFERENCE, timeoutMillis, frameLog);
  }

  /**
   * @param reference the target whose run of a control-header scenario is the expectation: the
   *     in-memory reference server for {@code check}, any cooperating target for a differential run
   */
  public ScenarioRunner(Connector target, Connector reference, int timeoutMillis, boolean frameLog) {
    this.target = target;
    this.reference = reference;
    this.timeoutMillis = timeoutMillis;
    this.frameLog = frameLog;
  }

  /** One side's run: what the peer saw, the model's view, and the call logs fetched. */
  record Run(PeerResult peer, ConnectionModel model, List<String> log, java.util.Map<Integer, String> callLogs) {}

  public ScenarioResult run(Scenario s) {
    long began = System.nanoTime();
    if (s.control() && !honoursControl()) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, "the target does not honour the control headers: it "
          + "answered h2h-body: 0 without an h2h-version header (CONTRACT §4)", List.of(), List.of(),
          System.nanoTime() - began);
    }
    Run oracle = null;
    if (s.control()) {
      try (Transport ref = reference.connect()) {
        oracle = play(s, ref, false);
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
      actual = play(s, t, frameLog);
    } catch (IOException e) {
      return new ScenarioResult(s, Verdict.ERROR, "connection failed: " + e.getMessage(), List.of(), List.of(),
          System.nanoTime() - began);
    }
    List<Finding> findings = new ArrayList<>(actual.model().findings());
    String notApplicable = s.control() ? controlNotHonoured(s, actual) : null;
    if (notApplicable != null) {
      return new ScenarioResult(s, Verdict.NOT_APPLICABLE, notApplicable, List.of(), actual.log(), System.nanoTime() - began);
    }
    findings.addAll(peerFindings(actual, oracle, s.steps().size()));
    if (oracle != null) {
      findings.addAll(new OracleComparison(s, oracle, actual).findings());
    }
    findings.addAll(new ExpectationCheck(s.expect(), actual.model(), actual.peer()).findings());
    Verdict v = findings.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    return new ScenarioResult(s, v, "", findings, actual.log(), System.nanoTime() - began);
  }

  /**
   * Asks the target once, on a connection of its own, for {@code h2h-body: 0}. A target that
   * answers without {@code h2h-version} does not cooperate; one that does not answer at all is
   * given the benefit of the doubt, and its scenarios report what happens.
   */
  private boolean honoursControl() {
    if (honoursControl == null) {
      honoursControl = true;
      try (Transport t = target.connect()) {
        ConnectionModel model = new ConnectionModel(true);
        PeerResult r = new ScriptedPeer(t, model, new Capture(0), timeoutMillis, FlowPolicy.replenishOnExhaustion(65535, 65535))
            .run(true, List.of(new PeerStep.Settings(List.of()),
                new PeerStep.Request(1, List.of(HeaderField.of(":method", "GET"), HeaderField.of(":scheme", "http"),
                    HeaderField.of(":authority", "h2harness"), HeaderField.of(":path", "/"),
                    HeaderField.of("h2h-body", "0")), true, false),
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

  private Run play(Scenario s, Transport t, boolean keepLog) {
    List<String> log = new ArrayList<>();
    ConnectionModel model = keepLog
        ? new ConnectionModel(true, Rules.standard(), line -> log.add(formatLogLine(line)))
        : new ConnectionModel(true);
    ScriptedPeer peer = new ScriptedPeer(t, model, new Capture(CAPTURE_KEEP), timeoutMillis, s.flow());
    List<PeerStep> steps = new ArrayList<>();
    steps.add(new PeerStep.Settings(s.settings()));
    steps.addAll(s.steps());
    List<Integer> control = s.controlStreams();
    int nextStream = nextFreeStream(s);
    java.util.Map<Integer, Integer> logStreams = new java.util.LinkedHashMap<>();
    // The call logs are fetched together: all requests first, then the waits (one round trip).
    for (int stream : control) {
      logStreams.put(stream, nextStream);
      steps.add(new PeerStep.Request(nextStream, List.of(
          HeaderField.of(":method", "GET"), HeaderField.of(":scheme", "http"),
          HeaderField.of(":authority", "h2harness"), HeaderField.of(":path", "/h2h/log?stream=" + stream)),
          true, true));
      steps.add(new PeerStep.Credit(nextStream, 1 << 20));
      nextStream += 2;
    }
    logStreams.values().forEach(logStream -> steps.add(new PeerStep.WaitStream(logStream)));
    PeerResult result = peer.run(s.preface(), steps);
    java.util.Map<Integer, String> callLogs = new java.util.HashMap<>();
    logStreams.forEach((stream, logStream) -> {
      byte[] body = result.bodies().get(logStream);
      StreamView v = model.stream(logStream);
      if (body != null && v != null && v.status() == 200 && v.endStreamSeen()) {
        callLogs.put(stream, new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
    });
    return new Run(result, model, log, callLogs);
  }

  /** Names a step of the list {@link #play} ran: the SETTINGS, a scenario step, or a log fetch. */
  static String stepName(int index, int scenarioSteps) {
    if (index < 0) return "connecting";
    if (index == 0) return "the peer's SETTINGS";
    if (index <= scenarioSteps) return "step " + index;
    return "fetching the call log";
  }

  private static int nextFreeStream(Scenario s) {
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
            + " has no h2h-version header (CONTRACT §4)";
      }
    }
    return null;
  }

  /** Timeouts and closes of the target's run, judged against what the oracle did. */
  static List<Finding> peerFindings(Run actual, Run oracle, int scenarioSteps) {
    String step = stepName(actual.peer().step(), scenarioSteps);
    PeerResult p = actual.peer();
    List<Finding> out = new ArrayList<>();
    boolean oracleClosed = oracle != null && oracle.peer().outcome() == PeerResult.Outcome.CLOSED;
    long at = actual.model().targetOffset();
    switch (p.outcome()) {
      case COMPLETED -> { }
      case TIMEOUT -> out.add(new Finding(oracleClosed ? Rules.SEND_DATA_OUTCOME : Rules.TIMEOUT,
          oracleClosed ? "CONTRACT §2" : "RFC 9113 §5.1", 0, -1, at,
          oracleClosed ? "the connection closed" : "progress", "silence", step + ": " + p.detail(),
          Direction.FROM_TARGET));
      case CLOSED -> {
        if (!oracleClosed) {
          out.add(new Finding(Rules.CONNECTION_UNEXPECTED_CLOSE, "RFC 9113 §5.4.1", 0, -1, at, "the connection open",
              "closed", step + ": " + p.detail(), Direction.FROM_TARGET));
        }
      }
      case EXPECTATION -> out.add(new Finding("expectation", "scenario", 0, -1, at, "as the scenario says",
          "otherwise", step + ": " + p.detail(), Direction.FROM_TARGET));
    }
    return out;
  }

  static String formatLogLine(FrameLogLine l) {
    return String.format("%s %10d #%-4d %-13s stream=%-3d len=%-6d %s %s",
        l.direction() == Direction.FROM_TARGET ? "<-" : "->", l.offset(), l.index(), l.type(), l.stream(),
        l.length(), l.flags(), l.summary()).stripTrailing();
  }
}
