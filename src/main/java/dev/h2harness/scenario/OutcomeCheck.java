package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.GoAwayInfo;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.peer.PeerResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges the target's reaction against a scenario's {@code outcomes:}. A listed reaction passes.
 * A reaction weaker than the MUST — GOAWAY without the close, an error code other than the
 * required one — is a named failure that {@code --lenient} turns into a pass marked lenient.
 * Anything else (no reaction, a normal response) fails.
 */
final class OutcomeCheck {
  /** The findings, and whether every one is only weaker than the requirement (lenient-able). */
  record Result(List<Finding> findings, boolean weakerOnly) {}

  private OutcomeCheck() {}

  static Result judge(Scenario s, ConnectionModel m, PeerResult p, int timeoutMillis) {
    List<Outcome> accepted = s.outcomes();
    String want = accepted.stream().map(Outcome::toString).collect(Collectors.joining(" or "));
    String where = s.covers();
    int id = s.outcomeStream() < 0 ? Math.max(0, dev.h2harness.peer.ScriptedPeer.lastOpened(m)) : s.outcomeStream();
    StreamView v = id == 0 ? null : m.stream(id);
    Optional<GoAwayInfo> g = m.goAwayFromTarget();
    boolean closed = p.outcome() == PeerResult.Outcome.CLOSED || m.connectionClosed();
    long at = m.targetOffset();

    List<Long> connCodes = accepted.stream().filter(o -> o instanceof Outcome.ConnectionError)
        .map(o -> ((Outcome.ConnectionError) o).code()).toList();
    List<Long> streamCodes = accepted.stream().filter(o -> o instanceof Outcome.StreamError)
        .map(o -> ((Outcome.StreamError) o).code()).toList();

    // A listed response first: RFC 9113 §8.1.1 lets a server answer before it resets.
    for (Outcome o : accepted) {
      if (o instanceof Outcome.Response r && v != null && v.status() > 0 && r.matches(v.status())) {
        return new Result(List.of(), false);
      }
    }
    // A RST_STREAM(NO_ERROR) after a complete response only stops the request body (§8.1).
    long resetCode = v == null ? -1 : v.targetErrorResetCode();
    if (resetCode >= 0 && !streamCodes.isEmpty()) {
      if (streamCodes.contains(resetCode)) return new Result(List.of(), false);
      String actual = "RST_STREAM(" + ErrorCode.nameOf(resetCode) + ")";
      return weaker(ScenarioRules.OUTCOME_ERROR_CODE, where, id, at, want, actual, "stream " + id + " was reset with another code than required");
    }
    if (g.isPresent() && !connCodes.isEmpty()) {
      long code = g.get().errorCode();
      String goAway = "GOAWAY(" + ErrorCode.nameOf(code) + ")";
      if (!connCodes.contains(code)) {
        return weaker(ScenarioRules.OUTCOME_ERROR_CODE, where, 0, g.get().offset(), want, goAway + (closed ? " and close" : ", connection open"),
            "the connection error carried another code than required");
      }
      if (closed) return new Result(List.of(), false);
      // RFC 9113 §5.4.1: after the GOAWAY of a connection error the endpoint MUST close the connection.
      String expected = "the connection closed within " + timeoutMillis + " ms after " + goAway;
      return new Result(List.of(new Finding(ScenarioRules.CONNECTION_CLOSE_AFTER_GOAWAY, "RFC 9113 §5.4.1", 0, -1,
          g.get().offset(), expected, "open", "expected " + expected + ", actual open (RFC 9113 §5.4.1)",
          Direction.FROM_TARGET)), true);
    }
    boolean reset = resetCode >= 0;
    if (!closed && g.isEmpty() && !reset && accepted.stream().anyMatch(o -> o instanceof Outcome.Ignored)
        && p.outcome() == PeerResult.Outcome.COMPLETED) {
      return new Result(List.of(), false);
    }
    if (closed && g.isEmpty() && !connCodes.isEmpty()) {
      // RFC 9113 §5.4.1: GOAWAY before the close is a SHOULD; the close itself is the connection error.
      return new Result(List.of(), false);
    }
    String actual = describe(v, id, g, closed);
    // A SHOULD-level requirement not met is weaker than a MUST: --lenient may accept it.
    return new Result(List.of(new Finding(ScenarioRules.OUTCOME_NONE, where, id, -1, at, want, actual,
        "expected " + want + ", actual " + actual + " (" + where + ")", Direction.FROM_TARGET)), s.should());
  }

  private static Result weaker(ScenarioRules rule, String where, int stream, long at, String want, String actual, String what) {
    return new Result(List.of(new Finding(rule, where, stream, -1, at, want, actual,
        what + ": expected " + want + ", actual " + actual + " (" + where + ")", Direction.FROM_TARGET)), true);
  }

  private static String describe(StreamView v, int id, Optional<GoAwayInfo> g, boolean closed) {
    StringBuilder b = new StringBuilder();
    if (v != null && v.status() > 0) {
      b.append("stream ").append(id).append(" answered :status ").append(v.status());
      if (v.targetResetCode() >= 0) b.append(" then RST_STREAM(").append(ErrorCode.nameOf(v.targetResetCode())).append(')');
      else if (v.endStreamSeen()) b.append(" with END_STREAM");
    } else if (v != null && v.targetResetCode() >= 0) {
      b.append("RST_STREAM(").append(ErrorCode.nameOf(v.targetResetCode())).append(") on stream ").append(id);
    }
    if (g.isPresent()) {
      if (b.length() > 0) b.append(", ");
      b.append("GOAWAY(").append(ErrorCode.nameOf(g.get().errorCode())).append(')');
    }
    if (b.length() > 0) b.append(", ");
    b.append(closed ? "connection closed" : "connection open");
    return b.toString();
  }
}
