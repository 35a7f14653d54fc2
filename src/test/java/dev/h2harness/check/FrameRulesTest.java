package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameRulesTest {
  private static HandMadeCapture answered(Setting... settings) {
    HandMadeCapture c = new HandMadeCapture().handshake(settings);
    c.request(1);
    c.response(1, 200, false);
    return c;
  }

  @Test void frameAboveTheDefaultMaxFrameSize() {
    HandMadeCapture c = answered();
    HandMadeCapture.At big = c.target(Frame.Data.of(1, HandMadeCapture.body(0, 16385), true));
    Finding f = Expect.only(c.replay(), Rules.FRAME_SIZE, 1, big.index(), big.offset());
    assertEquals("length at most 16384", f.expected());
    assertEquals("length 16385", f.actual());
  }

  @Test void frameWithinAMaxFrameSizeThePeerRaised() {
    HandMadeCapture c = answered(new Setting(SettingsParameter.MAX_FRAME_SIZE, 32768));
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 32768), true));
    Expect.none(c.replay());
  }

  @Test void aLoweredMaxFrameSizeBindsOnlyOnceAcknowledged() {
    HandMadeCapture c = answered(new Setting(SettingsParameter.MAX_FRAME_SIZE, 32768));
    c.peer(Frame.Settings.of(new Setting(SettingsParameter.MAX_FRAME_SIZE, 16384)));
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 20000), false));
    c.target(Frame.Settings.ack());
    HandMadeCapture.At big = c.target(Frame.Data.of(1, HandMadeCapture.body(20000, 20000), true));
    Expect.only(c.replay(), Rules.FRAME_SIZE, 1, big.index(), big.offset());
  }

  @Test void dataOnStreamZero() {
    HandMadeCapture c = answered();
    HandMadeCapture.At zero = c.target(Frame.Data.of(0, HandMadeCapture.body(0, 4), false));
    Finding f = Expect.only(c.replay(), Rules.DATA_STREAM_ZERO, 0, zero.index(), zero.offset());
    assertEquals("RFC 9113 §6.1", f.section());
  }

  @Test void truncatedFrameWhenTheTargetCloses() {
    HandMadeCapture c = answered();
    byte[] frame = FrameWriter.write(Frame.Data.of(1, HandMadeCapture.body(0, 100), true));
    HandMadeCapture.At cut = c.targetBytes(Arrays.copyOf(frame, 50), 1);
    c.closeTarget();
    ConnectionModel m = c.replay();
    Finding f = Expect.only(m, Rules.FRAME_MALFORMED, 0, -1, cut.offset());
    assertEquals("RFC 9113 §4.1", f.section());
    assertEquals("TRUNCATED", f.actual());
    assertEquals(true, m.connectionClosed());
  }

  @Test void malformedFixedLengthFrame() {
    HandMadeCapture c = answered();
    HandMadeCapture.At ping = c.target(new Frame.Ping(0, 0, Bytes.of((byte) 1, (byte) 2)));
    Finding f = Expect.only(c.replay(), Rules.FRAME_MALFORMED, 0, ping.index(), ping.offset());
    assertEquals("BAD_FIXED_LENGTH", f.actual());
  }

  @Test void unknownFrameTypesAndFlagsAreIgnored() {
    HandMadeCapture c = answered();
    c.target(new Frame.Unknown(0xfa, 0xff, 1, Bytes.of((byte) 1)));
    c.target(new Frame.Data(0x01 | 0x40, 1, HandMadeCapture.body(0, 3), null));
    Expect.none(c.replay());
  }
}
