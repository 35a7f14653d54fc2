package dev.h2harness.check;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;

/** RFC 9113 §4.2: the target sends no frame longer than the peer's SETTINGS_MAX_FRAME_SIZE. */
final class FrameSizeRule implements Rule {
  private static final Rules RULE = Rules.FRAME_SIZE;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (event.readEvent() instanceof ReadEvent.OversizedFrame o) {
      FrameHeader h = o.header();
      out.report("length", new Finding(RULE, "RFC 9113 §4.2", h.streamId(), o.index(), o.offset(),
          "length at most " + state.maxFrameSize(), "length " + h.length(),
          FrameType.nameOf(h.type()) + " of " + h.length() + " octets exceeds the peer's SETTINGS_MAX_FRAME_SIZE "
              + state.maxFrameSize(), Direction.FROM_TARGET));
    }
  }
}
