package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HeaderField;

/**
 * RFC 9113 §6.5.2, §10.5.1: the harness announces SETTINGS_MAX_HEADER_LIST_SIZE and will not hold a
 * larger header block. A block whose encoded octets pass the limit is judged at the frame that
 * passes it, without waiting for END_HEADERS (an endless CONTINUATION never brings one); a block
 * that decodes to a larger list is judged when it completes. Either ends the connection with
 * ENHANCE_YOUR_CALM.
 */
final class HeaderListSizeRule implements Rule {
  private long blockOctets;
  private int blockFrames;

  private static final Rules RULE = Rules.HEADERS_LIST_SIZE;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    long limit = state.headerListLimit();
    if (event.readEvent() instanceof ReadEvent.FrameRead r) {
      Frame f = r.frame();
      if (f instanceof Frame.Headers h) {
        blockOctets = h.fragment().length();
        blockFrames = 1;
      } else if (f instanceof Frame.PushPromise p) {
        blockOctets = p.fragment().length();
        blockFrames = 1;
      } else if (f instanceof Frame.Continuation c && state.openHeaderBlockStream() == f.streamId()) {
        blockOctets += c.fragment().length();
        blockFrames++;
      } else {
        return;
      }
      if (blockOctets > limit) {
        out.report("encoded", new Finding(RULE, "RFC 9113 §10.5.1", f.streamId(), r.index(), r.offset(),
            "a header block of at most " + limit + " octets", blockOctets + " octets in " + blockFrames + " frames",
            "the header block on stream " + f.streamId() + " passed the SETTINGS_MAX_HEADER_LIST_SIZE of " + limit
                + " the harness announced, " + blockOctets + " encoded octets in " + blockFrames + " frames",
            Direction.FROM_TARGET));
      }
    } else if (event instanceof CheckEvent.HeaderBlock b) {
      long size = 0;
      for (HeaderField h : b.fields()) {
        // RFC 9113 §6.5.2: name and value octets plus 32 per field.
        size += h.name().length() + h.value().length() + 32L;
      }
      if (size > limit) {
        out.report("decoded", new Finding(RULE, "RFC 9113 §10.5.1", b.stream(), b.frame(), b.offset(),
            "a header list of at most " + limit + " octets", size + " octets",
            "the header list on stream " + b.stream() + " decodes to " + size + " octets, above the "
                + "SETTINGS_MAX_HEADER_LIST_SIZE of " + limit + " the harness announced", Direction.FROM_TARGET));
      }
    }
  }
}
