package dev.h2harness.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.stream.StreamState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** contract §1: how a DATA frame is produced from a read, padding and the windows. */
class DataProductionTest {
  private final ServerFixture fx = new ServerFixture();

  private static Setting window(int size) {
    return new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, size);
  }

  private static byte[] pattern(int length) {
    byte[] b = new byte[length];
    BodyPattern.copy(0, b, 0, length);
    return b;
  }

  @Test
  void readAsksForAtMost16384EvenWhenFramesMayBeLarger() {
    CountingSource body = new CountingSource(40_000, false);
    fx.start(new Setting(SettingsParameter.MAX_FRAME_SIZE, 1 << 20), window(1 << 20));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    assertEquals(0, fx.session.send());
    // contract §1.2: 16384, then the connection window's remainder: the initial 65,535 - 32768 = 32767 ≥ 7232.
    assertEquals(List.of(16384, 16384, 16384), body.maxLengths);
    assertArrayEquals(pattern(40_000), fx.body(1));
  }

  @Test
  void readIsLimitedByStreamWindowThenConnectionWindow() {
    CountingSource body = new CountingSource(100_000, false);
    fx.start(window(1000));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(List.of(1000), body.maxLengths, "stream window 1000 limits the first read; then it is deferred");
    assertEquals(0, fx.session.streamSendWindow(1));

    fx.receive(Frame.WindowUpdate.of(1, 70_000));
    fx.session.send();
    // Connection window: the initial 65,535 - 1000 = 64535 → 16384 × 3, then 15383.
    assertEquals(List.of(1000, 16384, 16384, 16384, 15383), body.maxLengths);
    assertEquals(0, fx.session.connectionSendWindow());
  }

  @Test
  void maxFrameSizeIsPartOfTheLimitOnlyBelow16384IsImpossible() {
    // SETTINGS_MAX_FRAME_SIZE is at least 16384 (RFC 9113 §6.5.2), so it never lowers the limit
    // below 16384; a smaller window does.
    CountingSource body = new CountingSource(20_000, false);
    fx.start(window(16_383));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(List.of(16_383), body.maxLengths);
  }

  @Test
  void zeroWindowDefersWithoutReadingUntilWindowUpdate() {
    CountingSource body = new CountingSource(300, false);
    fx.start(window(0));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(0, body.reads, "contract §1.2: maxLength 0 defers the stream; the source is not read");
    assertTrue(fx.data(1).isEmpty());
    fx.receive(Frame.WindowUpdate.of(1, 100));
    fx.session.send();
    assertEquals(List.of(100), body.maxLengths);
    assertEquals(1, fx.data(1).size());
  }

  @Test
  void paddingRangeAndPadlenCountingThePadLengthOctet() {
    List<int[]> offered = new ArrayList<>();
    int[] choice = {0};
    fx.callbacks.selectPadding((s, type, stream, length, max) -> {
      offered.add(new int[] {type, length, max});
      return length + choice[0];
    });
    CountingSource body = new CountingSource(10, false);
    fx.start();
    fx.request(1);
    choice[0] = 1;
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    Frame.Data d = fx.data(1).get(0);
    // contract §1.4: padlen 1 is the PADDED flag and a Pad Length octet of 0, no padding octets.
    assertTrue(d.hasFlag(Flags.PADDED));
    assertEquals(0, d.padding().padLength());
    assertEquals(0, d.padding().octets().length());
    assertEquals(11, fx.frames(Frame.Data.class).get(0).flowControlledLength());
    int[] dataOffer = offered.stream().filter(o -> o[0] == FrameType.DATA.code).findFirst().orElseThrow();
    assertEquals(10, dataOffer[1]);
    assertEquals(10 + 256, dataOffer[2], "contract §1.3: at most min(maxLength, length + 256)");
  }

  @Test
  void padlen256IsPadLength255AndWindowsAreChargedWithIt() {
    fx.callbacks.selectPadding((s, type, stream, length, max) -> type == FrameType.DATA.code ? max : length);
    CountingSource body = new CountingSource(100, false);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    int before = fx.session.connectionSendWindow();
    fx.session.send();
    Frame.Data d = fx.data(1).get(0);
    assertEquals(255, d.padding().padLength());
    assertEquals(256, d.padlen());
    assertEquals(100 + 256, d.flowControlledLength());
    assertEquals(before - 356, fx.session.connectionSendWindow(), "contract §1.5: padding counts");
    assertTrue(d.padding().isWellFormed());
  }

  @Test
  void selectPaddingIsNotCalledWhenTheReadFillsTheLimit() {
    int[] calls = {0};
    fx.callbacks.selectPadding((s, type, stream, length, max) -> {
      if (type == FrameType.DATA.code) calls[0]++;
      return length;
    });
    CountingSource body = new CountingSource(500, false);
    fx.start(window(500));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(0, calls[0], "contract §1.3: length >= maxLength leaves no room for padding");
  }

  @Test
  void paddingIsCappedByTheWindow() {
    fx.callbacks.selectPadding((s, type, stream, length, max) -> max);
    CountingSource body = new CountingSource(90, false);
    fx.start(window(100));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(10, fx.data(1).get(0).padlen(), "max padded length is the window, 100");
  }

  @Test
  void selectPaddingOutOfRangeIsFatal() {
    for (int delta : new int[] {-1, 257}) {
      ServerFixture f = new ServerFixture();
      f.callbacks.selectPadding((s, type, stream, length, max) ->
          type == FrameType.DATA.code ? (delta < 0 ? length - 1 : max + 1) : length);
      f.start();
      f.request(1);
      f.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(10, false));
      assertEquals(NgError.CALLBACK_FAILURE, f.session.send());
    }
  }

  @Test
  void endStreamGoesOnTheEofFrame() {
    CountingSource body = new CountingSource(20_000, false);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    List<Frame.Data> data = fx.data(1);
    assertEquals(2, data.size());
    assertEquals(0, data.get(0).flags());
    assertEquals(Flags.END_STREAM, data.get(1).flags());
    assertEquals(StreamState.CLOSED, fx.session.streamState(1));
  }

  @Test
  void noEndStreamLeavesTheStreamOpenForTrailers() {
    CountingSource body = new CountingSource(5, false) {
      @Override public int read(Session s, int id, byte[] buf, int off, int max, DataFlags flags) {
        int n = super.read(s, id, buf, off, max, flags);
        if (flags.has(DataFlags.EOF)) {
          flags.set(DataFlags.NO_END_STREAM);
          s.submitTrailer(id, List.of(HeaderField.of("x-end", "1")));
        }
        return n;
      }
    };
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    List<Frame> frames = fx.frames();
    Frame.Data data = fx.data(1).get(0);
    assertEquals(0, data.flags() & Flags.END_STREAM);
    Frame last = frames.get(frames.size() - 1);
    assertTrue(last instanceof Frame.Headers && last.hasFlag(Flags.END_STREAM), "trailers end the stream");
  }

  /** An empty NO_COPY body whose EOF read sets NO_END_STREAM and submits trailers, as nghttpd does. */
  private ScriptedSendData respondWithEmptyBodyAndTrailers() {
    CountingSource body = new CountingSource(0, true) {
      @Override public int read(Session s, int id, byte[] buf, int off, int max, DataFlags flags) {
        int n = super.read(s, id, buf, off, max, flags);
        flags.set(DataFlags.NO_END_STREAM);
        s.submitTrailer(id, List.of(HeaderField.of("x-end", "1")));
        return n;
      }
    };
    ScriptedSendData sendData = new ScriptedSendData(fx.wire);
    fx.callbacks.sendData(sendData);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    return sendData;
  }

  @Test
  void emptyEofFrameWithoutEndStreamIsNotSent() {
    ScriptedSendData sendData = respondWithEmptyBodyAndTrailers();
    assertEquals(0, fx.session.send());
    assertTrue(fx.data(1).isEmpty(), "contract §1.6: nghttp2 cancels the empty frame");
    assertTrue(sendData.calls.isEmpty());
    assertEquals(2, fx.frames(Frame.Headers.class).size(), "response HEADERS and trailers");
  }

  @Test
  void paddedEmptyEofFrameWithoutEndStreamIsSentAsNghttp2Does() {
    // Found by the differential campaign against libnghttp2 1.52: pack_data tests hd.length for
    // CANCEL after add_pad has added the padding (scenarios/regressions/empty-eof-frame-with-padding).
    fx.callbacks.selectPadding((s, type, stream, length, max) -> type == FrameType.DATA.code ? length + 26 : length);
    ScriptedSendData sendData = respondWithEmptyBodyAndTrailers();
    fx.session.send();
    Frame.Data d = fx.data(1).get(0);
    assertEquals(0, d.data().length());
    assertEquals(26, d.padlen());
    assertEquals(Flags.PADDED, d.flags(), "padded, no END_STREAM: the trailers end the stream");
    assertEquals(1, sendData.calls.size());
  }

  @Test
  void emptyEofFrameWithEndStreamIsSent() {
    ScriptedSendData sendData = new ScriptedSendData(fx.wire);
    fx.callbacks.sendData(sendData);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(0, true));
    fx.session.send();
    assertEquals(1, sendData.calls.size());
    Frame.Data d = fx.data(1).get(0);
    assertEquals(0, d.data().length());
    assertEquals(Flags.END_STREAM, d.flags());
  }

  @Test
  void noCopyWithoutSendDataCallbackIsFatal() {
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(10, true));
    assertEquals(NgError.CALLBACK_FAILURE, fx.session.send(), "contract §1.8");
    assertTrue(fx.data(1).isEmpty());
  }

  @Test
  void headersAreHandedToSendBeforeSendDataRuns() {
    List<String> order = new ArrayList<>();
    fx.callbacks.send((b, o, l) -> {
      fx.wire.write(b, o, l);
      order.add("send " + (b[o + 3] & 0xff));
      return l;
    });
    fx.callbacks.sendData((s, f, hd, len, src) -> {
      order.add("sendData");
      return 0;
    });
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(10, true));
    fx.session.send();
    // contract §1.9: everything before the DATA frame (SETTINGS ACK type 4, HEADERS type 1) first.
    assertEquals(List.of("send 4", "send 1", "sendData"), order);
  }

  @Test
  void initialWindowSizeChangeMayDriveWindowsNegative() {
    CountingSource body = new CountingSource(1000, false);
    fx.start(window(600));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
    fx.session.send();
    assertEquals(0, fx.session.streamSendWindow(1));
    fx.receive(Frame.Settings.of(window(100)));
    assertEquals(-500, fx.session.streamSendWindow(1), "RFC 9113 §6.9.2: the window goes below zero");
    fx.receive(Frame.WindowUpdate.of(1, 600));
    fx.session.send();
    assertEquals(List.of(600, 100), body.maxLengths);
    assertNull(null);
    assertEquals(ErrorCode.NO_ERROR.code, 0);
  }
}
