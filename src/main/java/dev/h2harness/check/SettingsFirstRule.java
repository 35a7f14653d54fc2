package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §3.4: after the client connection preface, the first frame a client sends is a SETTINGS
 * frame (not an ACK). Judged in the client role, where the harness is the server.
 */
final class SettingsFirstRule implements Rule {
  private static final Rules RULE = Rules.PREFACE_SETTINGS;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    ReadEvent e = event.readEvent();
    if (state.targetIsServer() || e == null || e.index() != 0) {
      return;
    }
    boolean settings = e instanceof ReadEvent.FrameRead r && r.frame() instanceof Frame.Settings s && !s.isAck();
    if (!settings) {
      var h = e.header();
      String got = e instanceof ReadEvent.FrameRead r ? r.frame().typeName()
          + (r.frame() instanceof Frame.Settings ? " ACK" : "") : h == null ? "no frame" : "frame type " + h.type();
      out.report("first", new Finding(RULE, "RFC 9113 §3.4", h == null ? 0 : h.streamId(), 0, e.offset(),
          "SETTINGS right after the preface", got, "the client's first frame after the preface is " + got
          + ", not SETTINGS", Direction.FROM_TARGET));
    }
  }
}
