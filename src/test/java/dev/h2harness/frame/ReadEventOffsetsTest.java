package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A frame event's payload, content and padding offsets, against the layouts of RFC 9113 §6.1,
 * §6.2, §6.6 and §6.10 counted out by hand (offset of the frame header + 9 + the fields before).
 */
class ReadEventOffsetsTest {
  private static ReadEvent.FrameRead second(Frame first, Frame f) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(FrameWriter.writeLenient(first));
    b.writeBytes(FrameWriter.writeLenient(f));
    Reading r = Reading.frames().feed(b.toByteArray());
    return (ReadEvent.FrameRead) r.events.get(1);
  }

  private static final Frame PING = Frame.Ping.of(Bytes.wrap(new byte[8]), false);
  private static final long AT = 9 + 8;

  @Test void paddedData() {
    // §6.1: Pad Length (1), data (5), padding (3 octets: padlen 4).
    ReadEvent.FrameRead r = second(PING, Frame.Data.padded(1, Bytes.ascii("hello"), false, 4));
    assertEquals(AT, r.offset());
    assertEquals(AT + 9, r.payloadOffset());
    assertEquals(AT + 9 + 1, r.contentOffset());
    assertEquals(AT + 9 + 1 + 5, r.paddingOffset());
    assertEquals(1, r.index());
    assertEquals(r.raw().header(), r.header());
  }

  @Test void unpaddedDataHasNoPadding() {
    ReadEvent.FrameRead r = second(PING, Frame.Data.of(1, Bytes.ascii("hello"), true));
    assertEquals(AT + 9, r.contentOffset());
    assertEquals(AT + 9 + 5, r.paddingOffset());
  }

  @Test void paddedHeadersWithPriority() {
    // §6.2: Pad Length (1), Exclusive + Stream Dependency (4), Weight (1), fragment (2), padding (2).
    Frame.Headers h = new Frame.Headers(Flags.END_HEADERS | Flags.PADDED | Flags.PRIORITY, 1,
        PrioritySpec.of(false, 0, 16), Bytes.fromHex("8286"), new Padding(2, Bytes.zeros(2)));
    ReadEvent.FrameRead r = second(PING, h);
    assertEquals(AT + 9 + 1 + 5, r.contentOffset());
    assertEquals(AT + 9 + 1 + 5 + 2, r.paddingOffset());
  }

  @Test void pushPromiseAndContinuation() {
    // §6.6: Promised Stream ID (4) before the fragment; §6.10: the fragment is the payload.
    ReadEvent.FrameRead p = second(PING, new Frame.PushPromise(Flags.END_HEADERS, 1, 2, Bytes.fromHex("82"), null));
    assertEquals(AT + 9 + 4, p.contentOffset());
    ReadEvent.FrameRead c = second(PING, new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.fromHex("82")));
    assertEquals(AT + 9, c.contentOffset());
    assertEquals(AT + 9 + 1, c.paddingOffset());
  }

  @Test void nonFrameEventsHaveNoHeaderNorIndex() {
    Reading r = new Reading(true, FrameReader.DEFAULT_MAX_FRAME_SIZE).feed(FrameReader.CLIENT_PREFACE.toArray());
    assertEquals(-1, r.events.get(0).index());
    assertEquals(null, r.events.get(0).header());
  }
}
