package dev.h2harness.check;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameProblem;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;

/**
 * RFC 9113 §6.1 (and §6.2, §6.6 for HEADERS and PUSH_PROMISE): with PADDED set, Pad Length must be
 * less than the payload that follows it, and the Pad Length octet must be there at all.
 */
final class PaddingLengthRule implements Rule {
  private static final Rules RULE = Rules.DATA_PADDING_LENGTH;

  /** True when {@code m} is a padding-length problem this rule reports. */
  static boolean covers(ReadEvent.MalformedFrame m) {
    FrameProblem.Kind k = m.problem().kind();
    return k == FrameProblem.Kind.PAD_LENGTH_TOO_LARGE
        || (k == FrameProblem.Kind.PAYLOAD_TOO_SHORT && m.raw().payload().isEmpty()
            && Flags.has(m.raw().header().flags(), Flags.PADDED));
  }

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.MalformedFrame m) || !covers(m)) {
      return;
    }
    FrameHeader h = m.raw().header();
    String type = FrameType.nameOf(h.type());
    String section = "RFC 9113 §" + (h.type() == FrameType.HEADERS.code ? "6.2"
        : h.type() == FrameType.PUSH_PROMISE.code ? "6.6" : "6.1");
    if (m.raw().payload().isEmpty()) {
      // RFC 9113 §6.1: the Pad Length field is present only if PADDED is set; here it is missing.
      out.report("length", new Finding(RULE, section, h.streamId(), m.index(), m.offset(),
          "a Pad Length octet", "an empty payload",
          type + " has PADDED set but an empty payload: no Pad Length octet", Direction.FROM_TARGET));
      return;
    }
    int padLength = m.raw().payload().getUnsigned(0);
    int room = h.length() - 1 - FrameType.of(h.type()).fixedFields(h.flags());
    // RFC 9113 §6.1: padding that is the length of the frame payload or greater is a PROTOCOL_ERROR.
    out.report("length", new Finding(RULE, section, h.streamId(), m.index(), m.problem().offset(),
        "Pad Length at most " + Math.max(0, room), "Pad Length " + padLength,
        type + " payload of " + h.length() + " octets has Pad Length " + padLength
            + ": no room for it after the Pad Length octet", Direction.FROM_TARGET));
  }
}
