package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Padding;
import dev.h2harness.frame.ReadEvent;

/** RFC 9113 §6.1, §6.2, §6.6: padding octets MUST be set to zero when sending. */
final class PaddingNonZeroRule implements Rule {
  private static final Rules RULE = Rules.DATA_PADDING_NONZERO;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r)) {
      return;
    }
    Frame f = r.frame();
    Padding p = f instanceof Frame.Data d ? d.padding()
        : f instanceof Frame.Headers h ? h.padding()
        : f instanceof Frame.PushPromise pp ? pp.padding() : null;
    int at = p == null ? -1 : p.octets().indexOfNonZero();
    if (at < 0) {
      return;
    }
    long offset = r.paddingOffset() + at;
    int value = p.octets().getUnsigned(at);
    String section = f instanceof Frame.Data ? "RFC 9113 §6.1" : f instanceof Frame.Headers ? "RFC 9113 §6.2"
        : "RFC 9113 §6.6";
    out.report("octet", new Finding(RULE, section, f.streamId(), r.index(), offset, "0x00",
        String.format("0x%02x", value),
        String.format("%s padding octet %d of %d is 0x%02x, must be zero", f.typeName(), at + 1,
            p.octets().length(), value), Direction.FROM_TARGET));
  }
}
