package dev.h2harness.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.stream.StreamState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** contract §2: each return value of the send-data callback and its outcome. */
class SendDataReturnValuesTest {
  private final ServerFixture fx = new ServerFixture();

  private ScriptedSendData respond(long bodyLength, Integer... script) {
    ScriptedSendData sendData = new ScriptedSendData(fx.wire, script);
    fx.callbacks.sendData(sendData);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(bodyLength, true));
    return sendData;
  }

  private static byte[] pattern(int length) {
    byte[] b = new byte[length];
    BodyPattern.copy(0, b, 0, length);
    return b;
  }

  @Test
  void okWritesTheFrameAndChargesTheWindows() {
    ScriptedSendData sd = respond(100, 0);
    int before = fx.session.connectionSendWindow();
    assertEquals(0, fx.session.send());
    assertArrayEquals(pattern(100), fx.body(1));
    assertEquals(before - 100, fx.session.connectionSendWindow());
    assertEquals(1, sd.calls.size());
  }

  @Test
  void wouldblockRetriesTheSameFrameWithIdenticalParametersAndNoNewRead() {
    fx.callbacks.selectPadding((s, type, stream, length, max) -> type == 0 ? length + 7 : length);
    ScriptedSendData sd = respond(20_000, NgError.WOULDBLOCK, NgError.WOULDBLOCK, 0);
    int windowBefore = fx.session.connectionSendWindow();
    assertEquals(0, fx.session.send(), "send() returns 0 at once");
    assertEquals(1, sd.calls.size());
    assertTrue(fx.data(1).isEmpty(), "nothing written yet");
    assertEquals(windowBefore, fx.session.connectionSendWindow(), "not charged while blocked");

    assertEquals(0, fx.session.send());
    assertEquals(0, fx.session.send());
    ScriptedSendData.Call first = sd.calls.get(0);
    for (ScriptedSendData.Call retry : sd.calls.subList(1, 3)) {
      assertArrayEquals(first.framehd(), retry.framehd());
      assertEquals(first.length(), retry.length());
      assertEquals(first.frame(), retry.frame());
      assertEquals(first.reads(), retry.reads(), "the read callback is not called again");
    }
    assertEquals(List.of(1, 2, 3), sd.calls.subList(0, 3).stream().map(c -> c.sendCall() - sd.calls.get(0).sendCall() + 1).toList());
    assertArrayEquals(pattern(20_000), fx.body(1), "the frame went out once, then the rest");
    assertEquals(2, fx.data(1).size());
  }

  @Test
  void pauseWritesTheFrameAndSendReturnsRightAfterIt() {
    ScriptedSendData sd = respond(40_000, NgError.PAUSE, 0, 0);
    assertEquals(0, fx.session.send());
    assertEquals(1, sd.calls.size(), "send() returned right after the PAUSE frame");
    assertEquals(1, fx.data(1).size(), "the PAUSE frame was written and counts as sent");
    assertEquals(SettingsParameter.DEFAULT_WINDOW - Session.DATA_PAYLOADLEN, fx.session.connectionSendWindow());
    assertEquals(0, fx.session.send());
    assertEquals(3, sd.calls.size());
    assertTrue(sd.calls.get(1).sendCall() > sd.calls.get(0).sendCall());
    assertArrayEquals(pattern(40_000), fx.body(1));
  }

  @Test
  void temporalFailureResetsTheStreamWithInternalErrorAndOtherStreamsGoOn() {
    ScriptedSendData sd = new ScriptedSendData(fx.wire, 0, NgError.TEMPORAL_CALLBACK_FAILURE);
    fx.callbacks.sendData(sd);
    fx.start(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1 << 20));
    fx.request(1);
    fx.request(3);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(40_000, true));
    CountingSource other = new CountingSource(30_000, true);
    fx.session.submitResponse(3, ServerFixture.okResponse(), other);
    int before = fx.session.connectionSendWindow();
    assertEquals(0, fx.session.send());
    // Round robin: stream 1 frame (ok), stream 3 frame (temporal failure), then stream 1 on.
    ScriptedSendData.Call failed = sd.calls.get(1);
    int failedStream = failed.frame().streamId();
    int survivor = failedStream == 1 ? 3 : 1;
    Frame.RstStream rst = fx.frames(Frame.RstStream.class).get(0);
    assertEquals(failedStream, rst.streamId());
    assertEquals(ErrorCode.INTERNAL_ERROR.code, rst.errorCode());
    assertEquals(StreamState.CLOSED, fx.session.streamState(failedStream));
    long written = fx.data(1).stream().mapToLong(Frame.Data::flowControlledLength).sum()
        + fx.data(3).stream().mapToLong(Frame.Data::flowControlledLength).sum();
    assertEquals(before - written, fx.session.connectionSendWindow(), "the failed frame was not charged");
    Frame.Data last = fx.data(survivor).get(fx.data(survivor).size() - 1);
    assertTrue(last.hasFlag(Flags.END_STREAM), "the other stream completes");
  }

  @Test
  void callbackFailureIsFatalAndNothingMoreIsWritten() {
    ScriptedSendData sd = respond(40_000, 0, NgError.CALLBACK_FAILURE);
    assertEquals(NgError.CALLBACK_FAILURE, fx.session.send());
    assertEquals(1, fx.data(1).size(), "only the frame before the failure is on the wire");
    assertEquals(2, sd.calls.size(), "send() stopped at the failing call");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1, -100000, 42, NgError.DEFERRED, NgError.CANCEL, NgError.INVALID_ARGUMENT, Integer.MIN_VALUE})
  void anyOtherValueIsTreatedAsCallbackFailure(int value) {
    respond(100, value);
    assertEquals(NgError.CALLBACK_FAILURE, fx.session.send());
    assertTrue(fx.data(1).isEmpty());
  }

  @Test
  void aFrameBlockedWhenItsStreamIsResetIsDroppedNotRetried() {
    ScriptedSendData sd = respond(100, NgError.WOULDBLOCK);
    fx.session.send();
    assertEquals(1, sd.calls.size());
    fx.receive(Frame.RstStream.of(1, ErrorCode.CANCEL));
    assertEquals(0, fx.session.send());
    assertEquals(1, sd.calls.size(), "contract §2: sendData is not called again");
    assertTrue(fx.data(1).isEmpty());
  }

  @Test
  void memSendFollowsTheSameRules() {
    ScriptedSendData sd = new ScriptedSendData(fx.wire, NgError.WOULDBLOCK, NgError.PAUSE, 0);
    fx.callbacks.sendData(sd);
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(40_000, true));
    fx.clear();
    drain();
    assertEquals(1, sd.calls.size(), "WOULDBLOCK ends memSend's output");
    drain();
    assertEquals(2, sd.calls.size(), "PAUSE ends it after the frame");
    drain();
    assertEquals(4, sd.calls.size());
  }

  private void drain() {
    for (byte[] b = fx.session.memSend(); b.length > 0; b = fx.session.memSend()) {
      fx.wire.writeBytes(b);
    }
  }
}
