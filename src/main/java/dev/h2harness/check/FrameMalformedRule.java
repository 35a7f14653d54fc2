package dev.h2harness.check;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameProblem;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;
import java.util.Optional;

/**
 * RFC 9113 §4, §6: a frame whose payload does not fit its type, and a byte stream that ends inside
 * a frame or starts with a bad preface. Padding lengths are {@link PaddingLengthRule}'s.
 */
final class FrameMalformedRule implements Rule {
  private static final Rules RULE = Rules.FRAME_MALFORMED;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    ReadEvent e = event.readEvent();
    if (e instanceof ReadEvent.MalformedFrame m && !PaddingLengthRule.covers(m)) {
      FrameHeader h = m.raw().header();
      FrameProblem p = m.problem();
      out.report(p.kind().name(), new Finding(RULE, p.section(), h.streamId(), m.index(), p.offset(),
          "a well-formed " + FrameType.nameOf(h.type()) + " payload", p.kind().name(), p.message(),
          Direction.FROM_TARGET, Optional.of(p.kind())));
    } else if (e instanceof ReadEvent.StreamBroken b) {
      FrameProblem p = b.problem();
      String expected = p.kind() == FrameProblem.Kind.BAD_PREFACE ? "the client connection preface"
          : "the byte stream to end between frames";
      out.report(p.kind().name(), new Finding(RULE, p.section(), 0, -1, p.offset(), expected,
          p.kind().name(), p.message(), Direction.FROM_TARGET, Optional.of(p.kind())));
    }
  }
}
