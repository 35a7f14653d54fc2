package dev.h2harness.session;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.stream.Transition;

/**
 * An error found in what the peer sent, with its scope: a connection error (stream 0, answered
 * with GOAWAY) or a stream error (answered with RST_STREAM), RFC 9113 §5.4.
 */
record ProtocolError(int streamId, ErrorCode code, String reason) {
  static ProtocolError connection(ErrorCode code, String reason) {
    return new ProtocolError(0, code, reason);
  }

  static ProtocolError stream(int streamId, ErrorCode code, String reason) {
    return new ProtocolError(streamId, code, reason);
  }

  /** The error the §5.1 table gives for a frame on {@code streamId}, with its scope. */
  static ProtocolError of(int streamId, Transition.Violation v, String reason) {
    return new ProtocolError(v.connectionError() ? 0 : streamId, v.code(), reason + " (§" + v.section() + ")");
  }

  boolean isConnectionError() {
    return streamId == 0;
  }
}
