package dev.h2harness.session;

import java.util.EnumMap;
import java.util.Map;

/**
 * RFC 9113 §5.1 stream states, and the transition table as one piece of data: any (state, event)
 * pair not in the table is not a legal transition.
 */
public enum StreamState {
  IDLE, RESERVED_LOCAL, RESERVED_REMOTE, OPEN, HALF_CLOSED_LOCAL, HALF_CLOSED_REMOTE, CLOSED;

  /** What happens to a stream, from this endpoint's point of view. */
  public enum Event {
    SEND_HEADERS, RECV_HEADERS, SEND_PUSH_PROMISE, RECV_PUSH_PROMISE,
    SEND_END_STREAM, RECV_END_STREAM, SEND_RST_STREAM, RECV_RST_STREAM
  }

  private static final Map<StreamState, Map<Event, StreamState>> TABLE = new EnumMap<>(StreamState.class);

  private static void on(StreamState from, Event e, StreamState to) {
    TABLE.computeIfAbsent(from, k -> new EnumMap<>(Event.class)).put(e, to);
  }

  static {
    // RFC 9113 §5.1, Figure 2.
    on(IDLE, Event.SEND_HEADERS, OPEN);
    on(IDLE, Event.RECV_HEADERS, OPEN);
    on(IDLE, Event.SEND_PUSH_PROMISE, RESERVED_LOCAL);
    on(IDLE, Event.RECV_PUSH_PROMISE, RESERVED_REMOTE);
    on(RESERVED_LOCAL, Event.SEND_HEADERS, HALF_CLOSED_REMOTE);
    on(RESERVED_LOCAL, Event.SEND_RST_STREAM, CLOSED);
    on(RESERVED_LOCAL, Event.RECV_RST_STREAM, CLOSED);
    on(RESERVED_REMOTE, Event.RECV_HEADERS, HALF_CLOSED_LOCAL);
    on(RESERVED_REMOTE, Event.SEND_RST_STREAM, CLOSED);
    on(RESERVED_REMOTE, Event.RECV_RST_STREAM, CLOSED);
    on(OPEN, Event.SEND_HEADERS, OPEN);
    on(OPEN, Event.RECV_HEADERS, OPEN);
    on(OPEN, Event.SEND_END_STREAM, HALF_CLOSED_LOCAL);
    on(OPEN, Event.RECV_END_STREAM, HALF_CLOSED_REMOTE);
    on(OPEN, Event.SEND_RST_STREAM, CLOSED);
    on(OPEN, Event.RECV_RST_STREAM, CLOSED);
    on(HALF_CLOSED_LOCAL, Event.RECV_HEADERS, HALF_CLOSED_LOCAL);
    on(HALF_CLOSED_LOCAL, Event.RECV_END_STREAM, CLOSED);
    on(HALF_CLOSED_LOCAL, Event.SEND_RST_STREAM, CLOSED);
    on(HALF_CLOSED_LOCAL, Event.RECV_RST_STREAM, CLOSED);
    on(HALF_CLOSED_REMOTE, Event.SEND_HEADERS, HALF_CLOSED_REMOTE);
    on(HALF_CLOSED_REMOTE, Event.SEND_END_STREAM, CLOSED);
    on(HALF_CLOSED_REMOTE, Event.SEND_RST_STREAM, CLOSED);
    on(HALF_CLOSED_REMOTE, Event.RECV_RST_STREAM, CLOSED);
    on(CLOSED, Event.SEND_RST_STREAM, CLOSED);
    on(CLOSED, Event.RECV_RST_STREAM, CLOSED);
  }

  /** The state after {@code event}, or null when the table has no such transition. */
  public StreamState after(Event event) {
    Map<Event, StreamState> row = TABLE.get(this);
    return row == null ? null : row.get(event);
  }

  /** RFC 9113 §5.1: DATA may be received in open and half-closed (local). */
  public boolean canReceiveData() {
    return this == OPEN || this == HALF_CLOSED_LOCAL;
  }
}
