package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.peer.PeerResult;
import java.util.ArrayList;
import java.util.List;

/** The scenario's own {@code expect:} block, checked against the target's run. */
final class ExpectationCheck {
  static final ScenarioRules RULE = ScenarioRules.EXPECTATION;

  private final Expectations expect;
  private final ConnectionModel model;
  private final PeerResult peer;

  ExpectationCheck(Expectations expect, ConnectionModel model, PeerResult peer) {
    this.expect = expect;
    this.model = model;
    this.peer = peer;
  }

  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (StreamExpectation e : expect.streams()) {
      StreamView v = model.stream(e.stream());
      if (e.status() != null && (v == null || v.status() != e.status())) {
        out.add(finding(e.stream(), ":status " + e.status(),
            v == null ? "nothing on stream " + e.stream() : v.status() < 0 ? "no response headers" : ":status " + v.status(),
            "response status on stream " + e.stream()));
      }
      if (e.end() != null) {
        StreamEnd got = StreamEnd.of(v);
        if (got != e.end()) out.add(finding(e.stream(), e.end().word, got.word, "how stream " + e.stream() + " ended"));
      }
      if (e.resetCode() != null && (v == null || v.targetResetCode() != e.resetCode())) {
        out.add(finding(e.stream(), "RST_STREAM " + ErrorCode.nameOf(e.resetCode()),
            v == null || v.targetResetCode() < 0 ? "no RST_STREAM" : "RST_STREAM " + ErrorCode.nameOf(v.targetResetCode()),
            "reset code on stream " + e.stream()));
      }
      if (e.body() != null && (v == null || v.bodyBytes() != e.body())) {
        String got = v == null ? "nothing on stream " + e.stream() : v.bodyBytes() + " body octets";
        out.add(finding(e.stream(), e.body() + " body octets", got, "body length on stream " + e.stream()));
      }
    }
    if (expect.connection() != null) {
      ConnectionEnd got = peer.outcome() == PeerResult.Outcome.CLOSED || model.connectionClosed()
          ? ConnectionEnd.CLOSED : ConnectionEnd.OPEN;
      if (got != expect.connection()) out.add(finding(0, expect.connection().word, got.word, "the connection"));
    }
    if (expect.goaway() != null) {
      long got = model.goAwayFromTarget().map(g -> g.errorCode()).orElse(-1L);
      if (got != expect.goaway()) {
        out.add(finding(0, "GOAWAY " + ErrorCode.nameOf(expect.goaway()),
            got < 0 ? "no GOAWAY" : "GOAWAY " + ErrorCode.nameOf(got), "GOAWAY from the target"));
      }
    }
    return out;
  }

  private Finding finding(int stream, String expected, String actual, String what) {
    return new Finding(RULE, "scenario", stream, -1, model.targetOffset(), expected, actual,
        what + ": expected " + expected + ", got " + actual, Direction.FROM_TARGET);
  }
}
