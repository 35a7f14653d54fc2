package dev.h2harness.scenario;

import dev.h2harness.check.DataFrameSummary;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.StreamView;
import dev.h2harness.control.CallLog;
import dev.h2harness.control.SendDataCall;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.session.NgError;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a target's run of a control-header scenario with the reference session's (the oracle),
 * stream by stream: the DATA frames (flags, length, padlen), how the stream ended, whether the
 * connection closed, and the send-data call logs. Interleaving across streams is not compared.
 */
final class OracleComparison {
  private final Scenario scenario;
  private final ScenarioRunner.Run oracle;
  private final ScenarioRunner.Run actual;
  private final List<Finding> out = new ArrayList<>();

  OracleComparison(Scenario scenario, ScenarioRunner.Run oracle, ScenarioRunner.Run actual) {
    this.scenario = scenario;
    this.oracle = oracle;
    this.actual = actual;
  }

  List<Finding> findings() {
    boolean oracleClosed = oracle.peer().outcome() == PeerResult.Outcome.CLOSED;
    boolean actualClosed = actual.peer().outcome() == PeerResult.Outcome.CLOSED;
    for (int stream : scenario.controlStreams()) {
      StreamView want = oracle.model().stream(stream);
      StreamView got = actual.model().stream(stream);
      if (want == null) continue;
      if (got == null) {
        add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, 0, "a response", "nothing", "no response on stream " + stream);
        continue;
      }
      compareFrames(stream, want, got, actualClosed && !oracleClosed);
      compareEnding(stream, want, got);
      compareLogs(stream);
    }
    if (oracleClosed && !actualClosed) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", 0, -1, actual.model().targetOffset(), "the connection closed",
          "the connection open", "the reference session closes the connection here (a fatal send-data return)");
    }
    return out;
  }

  private void compareFrames(int stream, StreamView want, StreamView got, boolean cutShort) {
    List<DataFrameSummary> w = want.dataFrames();
    List<DataFrameSummary> g = got.dataFrames();
    int n = Math.min(w.size(), g.size());
    for (int i = 0; i < n; i++) {
      DataFrameSummary a = w.get(i);
      DataFrameSummary b = g.get(i);
      if (a.flags() != b.flags() || a.length() != b.length() || a.padlen() != b.padlen()) {
        add(ScenarioRules.DATA_FRAMING, "contract §1", stream, -1, b.offset(), describe(a), describe(b),
            "DATA frame " + (i + 1) + " of stream " + stream + " differs from the reference session's");
        return;
      }
    }
    if (g.size() > w.size()) {
      add(ScenarioRules.DATA_FRAMING, "contract §1", stream, -1, g.get(n).offset(), w.size() + " DATA frames", g.size() + " DATA frames",
          "stream " + stream + " carries DATA frames the reference session does not send");
    } else if (g.size() < w.size() && !cutShort) {
      long at = g.isEmpty() ? actual.model().targetOffset() : g.get(g.size() - 1).offset();
      add(ScenarioRules.DATA_FRAMING, "contract §1", stream, -1, at, w.size() + " DATA frames (next: " + describe(w.get(n)) + ")",
          g.size() + " DATA frames", "stream " + stream + " lacks DATA frames the reference session sends");
    }
  }

  private void compareEnding(int stream, StreamView want, StreamView got) {
    String w = ending(want);
    String g = ending(got);
    if (!w.equals(g)) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(), w, g,
          "stream " + stream + " ends differently from the reference session");
    }
    boolean wantTrailers = !want.trailers().isEmpty();
    boolean gotTrailers = !got.trailers().isEmpty();
    if (wantTrailers != gotTrailers) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §1.6", stream, -1, actual.model().targetOffset(),
          wantTrailers ? "trailers" : "no trailers", gotTrailers ? "trailers" : "no trailers",
          "trailers on stream " + stream + " differ from the reference session's");
    }
  }

  private static String ending(StreamView v) {
    return switch (StreamEnd.of(v)) {
      case RESET -> "RST_STREAM " + ErrorCode.nameOf(v.targetResetCode());
      case END_STREAM -> "END_STREAM";
      case OPEN -> "no end";
    };
  }

  /** The call logs: the contract's own rules on the target's log, then equality with the oracle's. */
  private void compareLogs(int stream) {
    String wantJson = oracle.callLogs().get(stream);
    String gotJson = actual.callLogs().get(stream);
    if (wantJson == null) return;
    if (gotJson == null) {
      if (actual.peer().outcome() != PeerResult.Outcome.CLOSED) {
        add(ScenarioRules.SEND_DATA_OUTCOME, "contract §4", stream, -1, actual.model().targetOffset(), "a call log",
            "none", "GET /h2h/log?stream=" + stream + " did not return a call log");
      }
      return;
    }
    List<SendDataCall> want;
    try {
      want = CallLog.parse(wantJson);
    } catch (IllegalArgumentException e) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §4", stream, -1, 0, "a JSON call log from the reference", "unreadable",
          "the reference's " + e.getMessage());
      return;
    }
    List<SendDataCall> got;
    try {
      got = CallLog.parse(gotJson);
    } catch (IllegalArgumentException e) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §4", stream, -1, actual.model().targetOffset(), "a JSON call log",
          "unreadable", e.getMessage());
      return;
    }
    contractRules(stream, got);
    int n = Math.min(want.size(), got.size());
    for (int i = 0; i < n; i++) {
      SendDataCall a = want.get(i);
      SendDataCall b = got.get(i);
      if (!a.frameHeader().equals(b.frameHeader()) || a.dataLength() != b.dataLength() || a.padlen() != b.padlen()
          || a.returned() != b.returned()) {
        add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(), call(a), call(b),
            "send-data call " + (i + 1) + " of stream " + stream + " differs from the reference session's");
        return;
      }
    }
    if (want.size() != got.size()) {
      add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(), want.size() + " calls",
          got.size() + " calls", "stream " + stream + " made a different number of send-data calls");
    }
  }

  /** contract §2 on one log: a WOULDBLOCK retry repeats the call exactly; PAUSE ends its send(). */
  private void contractRules(int stream, List<SendDataCall> calls) {
    for (int i = 0; i + 1 < calls.size(); i++) {
      SendDataCall c = calls.get(i);
      SendDataCall next = calls.get(i + 1);
      if (c.returned() == NgError.WOULDBLOCK) {
        boolean same = c.frameHeader().equals(next.frameHeader()) && c.dataLength() == next.dataLength()
            && c.padlen() == next.padlen();
        if (!same) {
          add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(), call(c), call(next),
              "the call after WOULDBLOCK (call " + (i + 1) + ") did not retry the same frame");
        } else if (next.reads() != c.reads()) {
          add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(), c.reads() + " reads",
              next.reads() + " reads", "the read callback ran again before the WOULDBLOCK retry (call " + (i + 2) + ")");
        }
      }
      if (c.returned() == NgError.PAUSE && next.sendCall() <= c.sendCall()) {
        add(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", stream, -1, actual.model().targetOffset(),
            "a later send() call", "send() call " + next.sendCall(), "send() went on after PAUSE (call " + (i + 1) + ")");
      }
    }
  }

  private static String call(SendDataCall c) {
    return "framehd=" + c.frameHeader() + " length=" + c.dataLength() + " padlen=" + c.padlen() + " returned="
        + NgError.name(c.returned());
  }

  private static String describe(DataFrameSummary d) {
    return "DATA length=" + d.length() + " padlen=" + d.padlen()
        + (Flags.has(d.flags(), Flags.END_STREAM) ? " END_STREAM" : "");
  }

  private void add(ScenarioRules rule, String section, int stream, int frame, long offset, String expected, String actual,
                   String message) {
    out.add(new Finding(rule, section, stream, frame, offset, expected, actual, message, Direction.FROM_TARGET));
  }
}
