package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §6.9: WINDOW_UPDATE from the target. An increment of 0 on the connection, and an increment
 * that takes the peer's connection send window past 2^31-1 (§6.9.1), are connection errors.
 */
final class WindowUpdateRule implements Rule {
  private static final long MAX_WINDOW = Integer.MAX_VALUE;

  private static final Rules RULE = Rules.FLOW_WINDOW_OVERFLOW;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r) || !(r.frame() instanceof Frame.WindowUpdate w)
        || w.streamId() != 0) {
      return;
    }
    long increment = w.increment() & 0x7fffffffL;
    long at = r.offset() + 9;
    if (increment == 0) {
      // RFC 9113 §6.9: an increment of 0 on the connection is a connection error PROTOCOL_ERROR.
      out.report("zero", new Finding(Rules.WINDOW_UPDATE_ZERO, "RFC 9113 §6.9", 0, r.index(), at,
          "an increment of 1 or more", "0", "WINDOW_UPDATE with an increment of 0 on the connection",
          Direction.FROM_TARGET));
    } else if (state.peerConnectionWindow() + increment > MAX_WINDOW) {
      // RFC 9113 §6.9.1: a window past 2^31-1 is a connection error FLOW_CONTROL_ERROR.
      long after = state.peerConnectionWindow() + increment;
      out.report("overflow", new Finding(RULE, "RFC 9113 §6.9.1", 0, r.index(), at, "a window of at most 2147483647",
          String.valueOf(after), "WINDOW_UPDATE of " + increment + " takes the peer's connection send window from "
              + state.peerConnectionWindow() + " to " + after, Direction.FROM_TARGET));
    }
  }
}
