package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Padding;
import org.junit.jupiter.api.Test;

class PaddingRulesTest {
  private static HandMadeCapture answered() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    return c;
  }

  @Test void zeroPaddingIsClean() {
    HandMadeCapture c = answered();
    c.target(Frame.Data.padded(1, HandMadeCapture.body(0, 10), true, 256));
    Expect.none(c.replay());
  }

  @Test void nonZeroPaddingOctetIsReportedAtThatOctet() {
    HandMadeCapture c = answered();
    Padding bad = new Padding(5, Bytes.of((byte) 0, (byte) 0, (byte) 7, (byte) 0, (byte) 9));
    HandMadeCapture.At at = c.target(new Frame.Data(Flags.PADDED | Flags.END_STREAM, 1, HandMadeCapture.body(0, 10), bad));
    // header, Pad Length octet, 10 data octets, two zero padding octets, then 0x07
    Finding f = Expect.only(c.replay(), Rules.DATA_PADDING_NONZERO, 1, at.index(), at.offset() + 9 + 1 + 10 + 2);
    assertEquals("0x00", f.expected());
    assertEquals("0x07", f.actual());
    assertEquals("RFC 9113 §6.1", f.section());
  }

  @Test void nonZeroHeadersPaddingIsReported() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    byte[] block = Bytes.fromHex("88").toArray();
    HandMadeCapture.At at = c.target(new Frame.Headers(Flags.END_HEADERS | Flags.END_STREAM | Flags.PADDED, 1, null,
        Bytes.wrap(block), new Padding(2, Bytes.of((byte) 0xff, (byte) 0))));
    Finding f = Expect.only(c.replay(), Rules.DATA_PADDING_NONZERO, 1, at.index(), at.offset() + 9 + 1 + 1);
    assertEquals("0xff", f.actual());
    assertEquals("RFC 9113 §6.2", f.section());
  }

  @Test void padLengthEqualToPayloadLengthIsOffByOne() {
    HandMadeCapture c = answered();
    // payload of 5 octets: Pad Length 5 leaves no room (at most 4 allowed)
    byte[] frame = FrameWriter.writeRaw(new FrameHeader(5, FrameType.DATA.code, Flags.PADDED | Flags.END_STREAM, 1),
        Bytes.fromHex("05 00 00 00 00"));
    HandMadeCapture.At at = c.targetBytes(frame, 1);
    Finding f = Expect.only(c.replay(), Rules.DATA_PADDING_LENGTH, 1, at.index(), at.offset() + 9);
    assertEquals("Pad Length at most 4", f.expected());
    assertEquals("Pad Length 5", f.actual());
  }

  @Test void padLengthOneLessThanPayloadIsClean() {
    HandMadeCapture c = answered();
    c.targetBytes(FrameWriter.writeRaw(new FrameHeader(5, FrameType.DATA.code, Flags.PADDED | Flags.END_STREAM, 1),
        Bytes.fromHex("04 00 00 00 00")), 1);
    Expect.none(c.replay());
  }

  @Test void paddedDataWithoutPadLengthOctet() {
    HandMadeCapture c = answered();
    HandMadeCapture.At at = c.targetBytes(FrameWriter.writeRaw(
        new FrameHeader(0, FrameType.DATA.code, Flags.PADDED | Flags.END_STREAM, 1), Bytes.EMPTY), 1);
    Finding f = Expect.only(c.replay(), Rules.DATA_PADDING_LENGTH, 1, at.index(), at.offset());
    assertEquals("a Pad Length octet", f.expected());
  }
}
