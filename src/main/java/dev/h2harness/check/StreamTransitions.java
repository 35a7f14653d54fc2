package dev.h2harness.check;

import static dev.h2harness.check.StreamInput.*;
import static dev.h2harness.check.StreamState.*;

import java.util.EnumMap;
import java.util.Map;

/**
 * RFC 9113 §5.1 as one transition table. Any (state, input) pair not in the table is not allowed.
 * PRIORITY and WINDOW_UPDATE change no state and are not inputs.
 */
public final class StreamTransitions {
  private static final Map<StreamState, Map<StreamInput, StreamState>> TABLE = new EnumMap<>(StreamState.class);

  static {
    // RFC 9113 §5.1 idle: HEADERS opens; PUSH_PROMISE reserves the promised stream.
    on(IDLE, SEND_HEADERS, OPEN);
    on(IDLE, RECV_HEADERS, OPEN);
    on(IDLE, SEND_PUSH_PROMISE, RESERVED_LOCAL);
    on(IDLE, RECV_PUSH_PROMISE, RESERVED_REMOTE);
    // RFC 9113 §5.1 reserved (local): the sender may send HEADERS (then half-closed remote).
    on(RESERVED_LOCAL, SEND_HEADERS, HALF_CLOSED_REMOTE);
    on(RESERVED_LOCAL, SEND_RST_STREAM, CLOSED);
    on(RESERVED_LOCAL, RECV_RST_STREAM, CLOSED);
    // RFC 9113 §5.1 reserved (remote): the receiver may get HEADERS (then half-closed local).
    on(RESERVED_REMOTE, RECV_HEADERS, HALF_CLOSED_LOCAL);
    on(RESERVED_REMOTE, SEND_RST_STREAM, CLOSED);
    on(RESERVED_REMOTE, RECV_RST_STREAM, CLOSED);
    // RFC 9113 §5.1 open: either side sends anything; END_STREAM half-closes.
    for (StreamInput in : new StreamInput[] {SEND_HEADERS, SEND_DATA, RECV_HEADERS, RECV_DATA}) {
      on(OPEN, in, OPEN);
    }
    on(OPEN, SEND_END_STREAM, HALF_CLOSED_LOCAL);
    on(OPEN, RECV_END_STREAM, HALF_CLOSED_REMOTE);
    on(OPEN, SEND_RST_STREAM, CLOSED);
    on(OPEN, RECV_RST_STREAM, CLOSED);
    // RFC 9113 §5.1 half-closed (local): the target sends nothing but RST_STREAM.
    on(HALF_CLOSED_LOCAL, RECV_HEADERS, HALF_CLOSED_LOCAL);
    on(HALF_CLOSED_LOCAL, RECV_DATA, HALF_CLOSED_LOCAL);
    on(HALF_CLOSED_LOCAL, RECV_END_STREAM, CLOSED);
    on(HALF_CLOSED_LOCAL, SEND_RST_STREAM, CLOSED);
    on(HALF_CLOSED_LOCAL, RECV_RST_STREAM, CLOSED);
    // RFC 9113 §5.1 half-closed (remote): the peer sends nothing but RST_STREAM.
    on(HALF_CLOSED_REMOTE, SEND_HEADERS, HALF_CLOSED_REMOTE);
    on(HALF_CLOSED_REMOTE, SEND_DATA, HALF_CLOSED_REMOTE);
    on(HALF_CLOSED_REMOTE, SEND_END_STREAM, CLOSED);
    on(HALF_CLOSED_REMOTE, SEND_RST_STREAM, CLOSED);
    on(HALF_CLOSED_REMOTE, RECV_RST_STREAM, CLOSED);
    // RFC 9113 §5.1 closed: nothing is allowed (in-flight frames are the checks' business).
  }

  private StreamTransitions() {}

  private static void on(StreamState from, StreamInput input, StreamState to) {
    TABLE.computeIfAbsent(from, s -> new EnumMap<>(StreamInput.class)).put(input, to);
  }

  /** The state after {@code input} in {@code state}, or null when the table does not allow it. */
  public static StreamState next(StreamState state, StreamInput input) {
    Map<StreamInput, StreamState> row = TABLE.get(state);
    return row == null ? null : row.get(input);
  }

  public static boolean allows(StreamState state, StreamInput input) {
    return next(state, input) != null;
  }
}
