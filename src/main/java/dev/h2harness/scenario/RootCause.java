package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.GoAwayInfo;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.peer.PeerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a scenario's findings root cause first. What the bytes broke comes first, in byte
 * order. How the run ended decides the rest: after a timeout, an unexpected close or a connection
 * error, what the oracle or the {@code expect:} block would have wanted next cannot be met, so it
 * is not reported as further violations; the root finding says how many such consequences it hides.
 */
final class RootCause {
  private RootCause() {}

  static List<Finding> findings(Scenario s, ScenarioRunner.Run actual, ScenarioRunner.Run oracle, int timeoutMillis,
      int budgetMillis) {
    PeerResult p = actual.peer();
    ConnectionModel m = actual.model();
    List<Finding> out = new ArrayList<>(m.findings());
    if (p.outcome() == PeerResult.Outcome.VIOLATION) {
      // The model stopped at the connection error: its last finding is the root, nothing follows.
      return out;
    }
    List<Finding> later = new ArrayList<>();
    if (oracle != null) later.addAll(new OracleComparison(s, oracle, actual).findings());
    later.addAll(new ExpectationCheck(s.expect(), m, p).findings());
    String step = ScenarioRunner.stepName(p.step(), s.steps().size());
    boolean oracleClosed = oracle != null && oracle.peer().outcome() == PeerResult.Outcome.CLOSED;
    long at = m.targetOffset();
    switch (p.outcome()) {
      case COMPLETED -> out.addAll(later);
      case TIMEOUT, BUDGET -> {
        boolean idle = p.outcome() == PeerResult.Outcome.TIMEOUT;
        if (oracleClosed) {
          out.add(new Finding(ScenarioRules.SEND_DATA_OUTCOME, "contract §2", 0, -1, at, "the connection closed",
              idle ? "open, no octet for " + timeoutMillis + " ms" : "open after " + budgetMillis + " ms",
              step + ": " + p.detail() + consequences(later), Direction.FROM_TARGET));
        } else {
          out.add(new Finding(ScenarioRules.TIMEOUT, idle ? "--timeout" : "scenario budget", 0, -1, at,
              idle ? "an octet within " + timeoutMillis + " ms" : "the scenario done within " + budgetMillis + " ms",
              idle ? "no octet for " + timeoutMillis + " ms" : "still going after " + budgetMillis + " ms",
              step + ": " + p.detail() + consequences(later), Direction.FROM_TARGET));
        }
      }
      case CLOSED -> {
        if (oracleClosed || s.expect().connection() == ConnectionEnd.CLOSED) {
          out.addAll(later);
        } else {
          // A frame cut by the close is part of the close, not a second cause.
          String cut = "";
          for (int i = out.size() - 1; i >= 0; i--) {
            Finding f = out.get(i);
            if (f.cutInsideFrame()) {
              cut = "; " + f.message() + " (at byte " + f.offset() + ")";
              out.remove(i);
              break;
            }
          }
          Optional<GoAwayInfo> g = m.goAwayFromTarget();
          String actualClose = g.map(x -> "closed after GOAWAY(" + ErrorCode.nameOf(x.errorCode()) + ")")
              .orElse("closed without GOAWAY");
          out.add(new Finding(ScenarioRules.CONNECTION_UNEXPECTED_CLOSE, "RFC 9113 §5.4.1", 0, -1, at, "the connection open",
              actualClose, step + ": " + p.detail() + cut + consequences(later), Direction.FROM_TARGET));
        }
      }
      case EXPECTATION -> {
        if (p.keptOpen()) {
          Optional<GoAwayInfo> g = m.goAwayFromTarget();
          if (g.isPresent()) {
            String goAway = "GOAWAY(" + ErrorCode.nameOf(g.get().errorCode()) + ")";
            String expected = "the connection closed within " + timeoutMillis + " ms after " + goAway;
            // RFC 9113 §5.4.1: after the GOAWAY of a connection error the endpoint MUST close the connection.
            out.add(new Finding(ScenarioRules.CONNECTION_CLOSE_AFTER_GOAWAY, "RFC 9113 §5.4.1", 0, -1, g.get().offset(),
                expected, "open", "expected " + expected + ", actual open (RFC 9113 §5.4.1)", Direction.FROM_TARGET));
          } else {
            String expected = "GOAWAY and the connection closed within " + timeoutMillis + " ms";
            out.add(new Finding(ScenarioRules.CONNECTION_CLOSE, s.covers(), 0, -1, at, expected, "open, no GOAWAY",
                "expected " + expected + ", actual open with no GOAWAY (" + s.covers() + ")", Direction.FROM_TARGET));
            // The missing GOAWAY and the open connection are this finding, not two more.
            later.removeIf(f -> f.stream() == 0 && f.rule().equals(ScenarioRules.EXPECTATION));
          }
          out.addAll(later);
        } else {
          // expect-silence: the one other expectation a step makes.
          out.add(new Finding(ScenarioRules.EXPECTATION, s.covers(), 0, -1, at, "silence during " + step, p.detail(),
              step + ": " + p.detail(), Direction.FROM_TARGET));
          out.addAll(later);
        }
      }
      case VIOLATION -> throw new AssertionError("handled above");
    }
    return out;
  }

  private static String consequences(List<Finding> dropped) {
    return dropped.isEmpty() ? "" : " (" + dropped.size() + " later expectation" + (dropped.size() == 1 ? "" : "s")
        + " not judged: they could not be met after this)";
  }
}
