package dev.h2harness.stream;

import static dev.h2harness.stream.StreamState.*;

import dev.h2harness.frame.ErrorCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * RFC 9113 §5.1 (Figure 2) as one table: state × input × role → next state or the error with its
 * code. The table is written for received frames; a frame an endpoint sends is the frame its peer
 * receives, so a {@code SEND_*} row is the {@code RECV_*} row of the mirrored state at the other
 * role, mirrored back. Every (state, input, role) has an entry.
 */
public final class StreamTransitions {
  private static final Transition.Violation IDLE_FRAME =
      new Transition.Violation(ErrorCode.PROTOCOL_ERROR, true, "5.1");
  private static final Transition.Violation STREAM_CLOSED =
      new Transition.Violation(ErrorCode.STREAM_CLOSED, false, "5.1");
  /** RFC 9113 §6.6: a promised stream id that is not idle is a connection error. */
  private static final Transition.Violation PROMISE_NOT_IDLE =
      new Transition.Violation(ErrorCode.PROTOCOL_ERROR, true, "6.6");

  private static final Map<Role, Map<StreamState, Map<StreamInput, Transition>>> TABLE = new EnumMap<>(Role.class);
  /** TABLE by ordinals: {@link #next} runs for every frame that moves a stream, so an array, not three map lookups. */
  private static final Transition[][][] BY_ORDINAL =
      new Transition[Role.values().length][StreamState.values().length][StreamInput.values().length];

  static {
    for (Role role : Role.values()) {
      Map<StreamState, Map<StreamInput, Transition>> rows = new EnumMap<>(StreamState.class);
      for (StreamState s : StreamState.values()) {
        Map<StreamInput, Transition> row = new EnumMap<>(StreamInput.class);
        for (StreamInput in : StreamInput.values()) {
          if (!in.isSend()) row.put(in, received(s, in, role));
        }
        rows.put(s, row);
      }
      TABLE.put(role, rows);
    }
    for (Role role : Role.values()) {
      for (StreamState s : StreamState.values()) {
        for (StreamInput in : StreamInput.values()) {
          if (in.isSend()) {
            Transition peer = TABLE.get(role.other()).get(s.mirror()).get(in.mirror());
            TABLE.get(role).get(s).put(in, peer instanceof Transition.Next n ? new Transition.Next(n.state().mirror()) : peer);
          }
        }
      }
    }
    TABLE.forEach((role, rows) -> rows.forEach((s, row) -> row.forEach((in, t) ->
        BY_ORDINAL[role.ordinal()][s.ordinal()][in.ordinal()] = t)));
  }

  private StreamTransitions() {}

  /** What {@code input} does to a stream in {@code state} at an endpoint playing {@code role}. */
  public static Transition next(StreamState state, StreamInput input, Role role) {
    return BY_ORDINAL[role.ordinal()][state.ordinal()][input.ordinal()];
  }

  public static boolean allows(StreamState state, StreamInput input, Role role) {
    return next(state, input, role).allowed();
  }

  /** The row for a frame the endpoint receives in {@code s}. */
  private static Transition received(StreamState s, StreamInput in, Role role) {
    if (in == StreamInput.RECV_PUSH_PROMISE) {
      if (role == Role.SERVER) {
        // RFC 9113 §8.4: a client cannot push; a server treats PUSH_PROMISE as a connection error.
        return new Transition.Violation(ErrorCode.PROTOCOL_ERROR, true, "8.4");
      }
      return s == IDLE ? to(RESERVED_REMOTE) : PROMISE_NOT_IDLE;
    }
    if (in == StreamInput.RECV_RST_STREAM) {
      // RFC 9113 §5.1: RST_STREAM closes any stream that is not idle; in "closed" it is ignored
      // ("Endpoints MUST ignore WINDOW_UPDATE or RST_STREAM frames received in this state").
      return s == IDLE ? IDLE_FRAME : to(CLOSED);
    }
    return switch (s) {
      // RFC 9113 §5.1 idle: only HEADERS (or PRIORITY) may be received; anything else is a
      // connection error of type PROTOCOL_ERROR. §5.1.1, §8.4: only a client opens with HEADERS.
      case IDLE -> in == StreamInput.RECV_HEADERS
          ? role == Role.SERVER ? to(OPEN) : new Transition.Violation(ErrorCode.PROTOCOL_ERROR, true, "5.1.1")
          : IDLE_FRAME;
      // RFC 9113 §5.1 reserved (local): receiving anything but RST_STREAM, PRIORITY or
      // WINDOW_UPDATE is a connection error of type PROTOCOL_ERROR.
      case RESERVED_LOCAL -> IDLE_FRAME;
      // RFC 9113 §5.1 reserved (remote): HEADERS moves it to half-closed (local); other frames
      // but RST_STREAM, PRIORITY, WINDOW_UPDATE are a connection error of type PROTOCOL_ERROR.
      case RESERVED_REMOTE -> in == StreamInput.RECV_HEADERS ? to(HALF_CLOSED_LOCAL) : IDLE_FRAME;
      // RFC 9113 §5.1 open: frames of any type; END_STREAM moves it to half-closed (remote).
      case OPEN -> in == StreamInput.RECV_END_STREAM ? to(HALF_CLOSED_REMOTE) : to(OPEN);
      // RFC 9113 §5.1 half-closed (local): frames of any type; END_STREAM closes it.
      case HALF_CLOSED_LOCAL -> in == StreamInput.RECV_END_STREAM ? to(CLOSED) : to(HALF_CLOSED_LOCAL);
      // RFC 9113 §5.1 half-closed (remote): frames other than WINDOW_UPDATE, PRIORITY, RST_STREAM
      // are a stream error of type STREAM_CLOSED. §5.1 closed, §6.1: the same after closing.
      case HALF_CLOSED_REMOTE, CLOSED -> STREAM_CLOSED;
    };
  }

  private static Transition to(StreamState s) {
    return new Transition.Next(s);
  }
}
