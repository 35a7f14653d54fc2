package dev.h2harness.check;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §10.5: a target that sends frames faster than any use for them is flooding. The harness
 * bounds what it answers and processes: more than {@link #CONTROL_LIMIT} SETTINGS, PING,
 * WINDOW_UPDATE or RST_STREAM frames on one connection, or more than {@link #EMPTY_LIMIT} empty
 * frames in a row, is a named flood and ends the connection with ENHANCE_YOUR_CALM.
 */
final class FloodRule implements Rule {
  /** Control frames of one type a connection may carry; scenarios need a handful. */
  static final int CONTROL_LIMIT = 1000;
  /** Empty DATA, HEADERS or CONTINUATION frames (no END_STREAM, no END_HEADERS) in a row. */
  static final int EMPTY_LIMIT = 100;

  private int settings;
  private int pings;
  private int windowUpdates;
  private int resets;
  private int emptyInARow;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r)) return;
    Frame f = r.frame();
    if (f instanceof Frame.Settings s && !s.isAck() && ++settings > CONTROL_LIMIT) {
      report(out, Rules.FLOOD_SETTINGS, "SETTINGS", r);
    } else if (f instanceof Frame.Ping p && !p.isAck() && ++pings > CONTROL_LIMIT) {
      // A PING ACK answers one of the peer's PINGs: only unsolicited PINGs can flood.
      report(out, Rules.FLOOD_PING, "PING", r);
    } else if (f instanceof Frame.WindowUpdate && ++windowUpdates > CONTROL_LIMIT) {
      report(out, Rules.FLOOD_WINDOW_UPDATE, "WINDOW_UPDATE", r);
    } else if (f instanceof Frame.RstStream && !firstResetOfPeerStream(state, f.streamId()) && ++resets > CONTROL_LIMIT) {
      report(out, Rules.FLOOD_RST_STREAM, "RST_STREAM", r);
    }
    if (isEmpty(f)) {
      if (++emptyInARow > EMPTY_LIMIT) {
        out.report("empty", new Finding(Rules.FLOOD_EMPTY_FRAMES, "RFC 9113 §10.5", f.streamId(), r.index(), r.offset(),
            "at most " + EMPTY_LIMIT + " empty frames in a row", (EMPTY_LIMIT + 1) + " in a row",
            "the target sent more than " + EMPTY_LIMIT + " empty " + f.getClass().getSimpleName().toUpperCase()
                + " frames in a row (no payload, no END_STREAM or END_HEADERS): a flood",
            Direction.FROM_TARGET));
      }
    } else {
      emptyInARow = 0;
    }
  }

  /**
   * One RST_STREAM per stream the peer opened is the target's answer to that stream (e.g. to a
   * malformed request), not a flood. The model has already applied this frame, so its reset code is set.
   */
  private final java.util.Set<Integer> answered = new java.util.HashSet<>();

  private boolean firstResetOfPeerStream(ModelState state, int streamId) {
    boolean peerOpened = (streamId & 1) == (state.targetIsServer() ? 1 : 0) && state.stream(streamId) != null;
    return peerOpened && answered.add(streamId);
  }

  private static boolean isEmpty(Frame f) {
    if (f instanceof Frame.Data d) return d.data().length() == 0 && !d.hasFlag(Flags.END_STREAM);
    if (f instanceof Frame.Continuation c) return c.fragment().length() == 0 && !c.hasFlag(Flags.END_HEADERS);
    if (f instanceof Frame.Headers h) {
      return h.fragment().length() == 0 && !h.hasFlag(Flags.END_HEADERS) && !h.hasFlag(Flags.END_STREAM);
    }
    return false;
  }

  private static void report(FindingSink out, Rules rule, String type, ReadEvent.FrameRead r) {
    out.report("count", new Finding(rule, "RFC 9113 §10.5", r.frame().streamId(), r.index(), r.offset(),
        "at most " + CONTROL_LIMIT + " " + type + " frames", (CONTROL_LIMIT + 1) + " and more",
        "the target sent more than " + CONTROL_LIMIT + " " + type + " frames on one connection: a flood",
        Direction.FROM_TARGET));
  }
}
