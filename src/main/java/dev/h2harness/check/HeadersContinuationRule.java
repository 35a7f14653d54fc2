package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §4.3, §6.10: a header block is a contiguous sequence of frames: nothing but CONTINUATION
 * on the same stream until END_HEADERS, and no CONTINUATION outside a block.
 */
final class HeadersContinuationRule implements Rule {
  private static final Rules RULE = Rules.HEADERS_CONTINUATION;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r)) {
      return;
    }
    Frame f = r.frame();
    int open = state.openHeaderBlockStream();
    boolean continuation = f instanceof Frame.Continuation;
    if (open >= 0 && !(continuation && f.streamId() == open)) {
      out.report("interleaved", new Finding(RULE, "RFC 9113 §6.10", f.streamId(), r.index(), r.offset(),
          "CONTINUATION on stream " + open, f.typeName() + " on stream " + f.streamId(),
          f.typeName() + " while the header block on stream " + open + " awaits CONTINUATION",
          Direction.FROM_TARGET));
    } else if (open < 0 && continuation) {
      out.report("orphan", new Finding(RULE, "RFC 9113 §6.10", f.streamId(), r.index(), r.offset(),
          "HEADERS or PUSH_PROMISE without END_HEADERS before it", "CONTINUATION",
          "CONTINUATION with no header block open", Direction.FROM_TARGET));
    }
  }
}
