package dev.h2harness.stream;

import dev.h2harness.frame.ErrorCode;

/** What one input does in one state: the next state, or the error the frame's receiver must raise. */
public sealed interface Transition {
  /** The input is allowed; the stream is now in {@code state}. */
  record Next(StreamState state) implements Transition {}

  /**
   * The input is not allowed. {@code code} is the error RFC 9113 gives the frame's receiver (for a
   * {@code SEND_*} input: what the peer answers), as a connection error or as a stream error.
   */
  record Violation(ErrorCode code, boolean connectionError, String section) implements Transition {
    @Override public String toString() {
      return (connectionError ? "connection" : "stream") + " error " + code + " (RFC 9113 §" + section + ")";
    }
  }

  default boolean allowed() {
    return this instanceof Next;
  }
}
