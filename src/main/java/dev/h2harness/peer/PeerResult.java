package dev.h2harness.peer;

import java.util.Map;

/**
 * How a scripted run ended. {@code step} is the index of the step that did not complete (-1 for a
 * connection that failed outright); {@code bodies} holds the collected response bodies by stream.
 */
public record PeerResult(Outcome outcome, int step, String detail, Map<Integer, byte[]> bodies, long elapsedNanos) {
  /**
   * Every step ran; a wait saw no octet for the idle timeout; the scenario budget ran out while the
   * target still sent; the target closed the connection; an expectation failed; the target
   * committed a connection error and the peer sent GOAWAY and closed.
   */
  public enum Outcome { COMPLETED, TIMEOUT, BUDGET, CLOSED, EXPECTATION, VIOLATION }
}
