package dev.h2harness.peer;

import java.util.Map;
import java.util.Optional;

/**
 * How a scripted run ended. {@code step} is the index of the step that did not complete (-1 for a
 * connection that failed outright); {@code failure} says why, and is empty when every step ran;
 * {@code bodies} holds the collected response bodies by stream.
 */
public record PeerResult(Outcome outcome, int step, Optional<StepFailure> failure, Map<Integer, byte[]> bodies,
    long elapsedNanos) {
  /**
   * Every step ran; a wait saw no octet for the idle timeout; the scenario budget ran out while the
   * target still sent; the target closed the connection; an expectation failed; the target
   * committed a connection error and the peer sent GOAWAY and closed.
   */
  public enum Outcome { COMPLETED, TIMEOUT, BUDGET, CLOSED, EXPECTATION, VIOLATION }

  /** A run whose steps all completed. */
  public static PeerResult completed(int steps, Map<Integer, byte[]> bodies, long elapsedNanos) {
    return new PeerResult(Outcome.COMPLETED, steps, Optional.empty(), bodies, elapsedNanos);
  }

  /** What the reports print about the failure, empty when every step ran. */
  public String detail() {
    return failure.map(StepFailure::detail).orElse("");
  }

  /** Why the scenario cannot test this target, when a step said so while the connection was open. */
  public Optional<String> notApplicable() {
    return outcome == Outcome.EXPECTATION && failure.orElse(null) instanceof StepFailure.NotApplicable n
        ? Optional.of(n.reason()) : Optional.empty();
  }

  /** True when a step expected the connection to close and it stayed open. */
  public boolean keptOpen() {
    return outcome == Outcome.EXPECTATION && failure.orElse(null) instanceof StepFailure.KeptOpen;
  }
}
