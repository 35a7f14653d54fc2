package dev.h2harness.check;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;

/** RFC 9113 §6.1: DATA frames MUST be associated with a stream; stream 0 is a PROTOCOL_ERROR. */
final class DataStreamZeroRule implements Rule {
  private static final Rules RULE = Rules.DATA_STREAM_ZERO;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    ReadEvent e = event.readEvent();
    FrameHeader h = e == null ? null : e.header();
    if (h != null && h.type() == FrameType.DATA.code && !FrameType.DATA.streams.allows(h.streamId())) {
      out.report("stream", new Finding(RULE, "RFC 9113 §6.1", 0, e.index(), e.offset(),
          "a stream id other than 0", "stream 0", "DATA frame on stream 0", Direction.FROM_TARGET));
    }
  }
}
