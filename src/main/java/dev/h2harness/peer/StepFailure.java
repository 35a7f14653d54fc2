package dev.h2harness.peer;

import dev.h2harness.check.ConnectionError;

/**
 * Why a scripted step did not complete. The kind decides the run's {@link PeerResult.Outcome};
 * {@link #detail()} is the text reports print.
 */
public sealed interface StepFailure {
  /** The text the reports print for this failure. */
  String detail();

  /** What the run ended as when the connection is still open (a closed one ends as CLOSED). */
  PeerResult.Outcome outcome();

  /** The target did something a step expected it not to do, or left undone what it expected. */
  record ExpectationFailed(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.EXPECTATION;
    }
  }

  /** A step that expected the target to close the connection found it still open. */
  record KeptOpen(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.EXPECTATION;
    }
  }

  /** The step cannot test this target (for example, it announces no limit to exceed). */
  record NotApplicable(String reason) implements StepFailure {
    @Override public String detail() {
      return "not applicable: " + reason;
    }

    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.EXPECTATION;
    }
  }

  /** A wait saw no octet for the idle timeout, or nothing more can arrive. */
  record Idle(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.TIMEOUT;
    }
  }

  /** The scenario budget ran out while the target still sent. */
  record BudgetSpent(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.BUDGET;
    }
  }

  /** The target closed the connection while a step still needed it. */
  record TargetClosed(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.CLOSED;
    }
  }

  /** The connection could not be used at all (the first write failed). */
  record TransportFailure(String detail) implements StepFailure {
    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.CLOSED;
    }
  }

  /** The target committed a connection error; the peer sent GOAWAY and closed. */
  record Violation(ConnectionError error) implements StepFailure {
    @Override public String detail() {
      return error.root().message() + "; the peer sent " + error.goAway() + " and closed";
    }

    @Override public PeerResult.Outcome outcome() {
      return PeerResult.Outcome.VIOLATION;
    }
  }
}
