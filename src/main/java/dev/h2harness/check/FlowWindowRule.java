package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §6.9.1: the target never sends a DATA frame whose payload, padding included, exceeds the
 * stream's or the connection's send window.
 */
final class FlowWindowRule implements Rule {
  private static final Rules RULE = Rules.FLOW_WINDOW;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r) || !(r.frame() instanceof Frame.Data d)
        || d.streamId() == 0) {
      return;
    }
    int length = d.flowControlledLength();
    if (length == 0) {
      return;
    }
    int id = d.streamId();
    long connection = state.connectionWindow();
    if (length > connection) {
      out.report("connection", finding(id, r, connection, length, "connection"));
    }
    StreamView s = state.stream(id);
    long stream = state.streamWindow(id);
    // After the peer's RST_STREAM the stream window no longer matters; the connection's still does.
    if ((s == null || s.peerResetCode() < 0) && length > stream) {
      out.report("stream", finding(id, r, stream, length, "stream " + id));
    }
  }

  private Finding finding(int id, ReadEvent.FrameRead r, long window, int length, String which) {
    return new Finding(RULE, "RFC 9113 §6.9.1", id, r.index(), r.offset(), "at most " + window + " octets",
        length + " octets", "DATA of " + length + " octets (padding included) exceeds the " + which
            + " window of " + window, Direction.FROM_TARGET);
  }
}
