package dev.h2harness.scenario;

import dev.h2harness.frame.ErrorCode;

/**
 * One reaction a scenario accepts from the target (its {@code outcomes:} list). Where RFC 9113
 * allows several reactions, the scenario lists each; anything else is a named failure.
 */
public sealed interface Outcome {
  /** GOAWAY with {@code code}, then the connection closed (RFC 9113 §5.4.1). */
  record ConnectionError(long code) implements Outcome {
    @Override public String toString() {
      return "connection-error: " + ErrorCode.nameOf(code);
    }
  }

  /** RST_STREAM with {@code code} on the scenario's stream (RFC 9113 §5.4.2). */
  record StreamError(long code) implements Outcome {
    @Override public String toString() {
      return "stream-error: " + ErrorCode.nameOf(code);
    }
  }

  /**
   * A response whose {@code :status} matches {@code status} ("400", or a class such as "4xx"),
   * e.g. RFC 9113 §8.1.1: a server MAY answer a malformed request before closing or resetting it.
   */
  record Response(String status) implements Outcome {
    public boolean matches(int s) {
      String v = Integer.toString(s);
      return status.endsWith("xx") ? v.charAt(0) == status.charAt(0) : v.equals(status);
    }

    @Override public String toString() {
      return "status: " + status;
    }
  }

  /**
   * The frame is ignored: the stream is not reset, no GOAWAY, and a PING sent after it is answered.
   * RFC 9113 §5.1 makes some reactions optional (e.g. frames on a closed stream: "MAY").
   */
  record Ignored() implements Outcome {
    @Override public String toString() {
      return "ignored";
    }
  }
}
