package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The RFC 9113 §5.1 table over all (state, input) pairs. */
class StreamTransitionsProperties {
  @Property void closedAllowsNothing(@ForAll StreamInput input) {
    assertFalse(StreamTransitions.allows(StreamState.CLOSED, input));
  }

  @Property void rstStreamClosesEveryStreamThatIsNotIdle(@ForAll StreamState state, @ForAll boolean bySender) {
    StreamInput rst = bySender ? StreamInput.SEND_RST_STREAM : StreamInput.RECV_RST_STREAM;
    StreamState expected = state == StreamState.IDLE || state == StreamState.CLOSED ? null : StreamState.CLOSED;
    assertEquals(expected, StreamTransitions.next(state, rst));
  }

  @Property void aSideThatEndedSendsNoMore(@ForAll StreamInput input) {
    if (input.name().startsWith("SEND_") && input != StreamInput.SEND_RST_STREAM) {
      assertFalse(StreamTransitions.allows(StreamState.HALF_CLOSED_LOCAL, input));
    }
    if (input.name().startsWith("RECV_") && input != StreamInput.RECV_RST_STREAM) {
      assertFalse(StreamTransitions.allows(StreamState.HALF_CLOSED_REMOTE, input));
    }
  }

  @Property void theTableIsSymmetricBetweenTheTwoSides(@ForAll StreamState state, @ForAll StreamInput input) {
    assertEquals(mirror(StreamTransitions.next(state, input)),
        StreamTransitions.next(mirror(state), mirror(input)));
  }

  private static StreamState mirror(StreamState s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case RESERVED_LOCAL -> StreamState.RESERVED_REMOTE;
      case RESERVED_REMOTE -> StreamState.RESERVED_LOCAL;
      case HALF_CLOSED_LOCAL -> StreamState.HALF_CLOSED_REMOTE;
      case HALF_CLOSED_REMOTE -> StreamState.HALF_CLOSED_LOCAL;
      default -> s;
    };
  }

  private static StreamInput mirror(StreamInput i) {
    String n = i.name();
    return StreamInput.valueOf(n.startsWith("SEND_") ? "RECV_" + n.substring(5) : "SEND_" + n.substring(5));
  }
}
