package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import org.junit.jupiter.api.Test;

class FlowWindowRuleTest {
  private static Setting window(long v) {
    return new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, v);
  }

  @Test void paddingThatTakesTheFrameOverTheStreamWindow() {
    HandMadeCapture c = new HandMadeCapture().handshake(window(100));
    c.request(1);
    c.response(1, 200, false);
    // 90 data octets + padlen 11 (Pad Length octet and 10 padding octets) = 101 > 100
    HandMadeCapture.At data = c.target(Frame.Data.padded(1, HandMadeCapture.body(0, 90), true, 11));
    Finding f = Expect.only(c.replay(), Rules.FLOW_WINDOW, 1, data.index(), data.offset());
    assertEquals("at most 100 octets", f.expected());
    assertEquals("101 octets", f.actual());
    assertEquals("DATA of 101 octets (padding included) exceeds the stream 1 window of 100", f.message());
  }

  @Test void exactlyTheStreamWindowIsClean() {
    HandMadeCapture c = new HandMadeCapture().handshake(window(100));
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.Data.padded(1, HandMadeCapture.body(0, 90), true, 10));
    Expect.none(c.replay());
  }

  @Test void windowUpdateMakesRoom() {
    HandMadeCapture c = new HandMadeCapture().handshake(window(100));
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 100), false));
    c.peer(Frame.WindowUpdate.of(1, 50));
    c.target(Frame.Data.of(1, HandMadeCapture.body(100, 50), true));
    Expect.none(c.replay());
  }

  @Test void aLoweredWindowNotYetAcknowledgedAllowsTheOldOne() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.peer(Frame.Settings.of(window(100)));
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 101), false));
    Expect.none(c.replay());
  }

  @Test void aLoweredWindowShiftsOpenStreamsOnceAcknowledged() {
    // RFC 9113 §6.9.2: the change applies to open streams and may take them below zero.
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 150), false));
    c.peer(Frame.Settings.of(window(100)));
    c.target(Frame.Settings.ack());
    c.peer(Frame.WindowUpdate.of(1, 60));
    // window: 100 - 150 + 60 = 10
    HandMadeCapture.At data = c.target(Frame.Data.of(1, HandMadeCapture.body(150, 11), true));
    Finding f = Expect.only(c.replay(), Rules.FLOW_WINDOW, 1, data.index(), data.offset());
    assertEquals("at most 10 octets", f.expected());
  }

  @Test void connectionWindowOverrunAcrossStreams() {
    HandMadeCapture c = new HandMadeCapture().handshake(window(1 << 20));
    c.request(1);
    c.request(3);
    c.response(1, 200, false);
    c.response(3, 200, false);
    for (int i = 0; i < 3; i++) {
      c.target(Frame.Data.of(1, HandMadeCapture.body(i * 16384L, 16384), false));
    }
    c.target(Frame.Data.of(3, HandMadeCapture.body(0, 16383), false));
    HandMadeCapture.At over = c.target(Frame.Data.of(3, HandMadeCapture.body(16383, 1), true));
    Finding f = Expect.only(c.replay(), Rules.FLOW_WINDOW, 3, over.index(), over.offset());
    assertEquals("DATA of 1 octets (padding included) exceeds the connection window of 0", f.message());
  }

  @Test void connectionWindowUpdateMakesRoom() {
    HandMadeCapture c = new HandMadeCapture().handshake(window(1 << 20));
    c.request(1);
    c.response(1, 200, false);
    for (int i = 0; i < 3; i++) {
      c.target(Frame.Data.of(1, HandMadeCapture.body(i * 16384L, 16384), false));
    }
    c.peer(Frame.WindowUpdate.of(0, 1));
    c.target(Frame.Data.of(1, HandMadeCapture.body(49152, 16384), true));
    Expect.none(c.replay());
  }
}
