package dev.h2harness.session;

import dev.h2harness.TestRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's limits against abuse: stream counting, resets, header lists. */
class SessionLimitsTest {
  private final ServerFixture fx = new ServerFixture();

  private void start(Setting... settings) {
    fx.session = Session.server(fx.callbacks);
    fx.session.submitSettings(settings);
    fx.receive(FrameReader.CLIENT_PREFACE.toArray());
    fx.receive(FrameWriter.write(Frame.Settings.of()));
  }

  private byte[] request(int stream, boolean endStream, HeaderField... extra) {
    List<HeaderField> f = TestRequests.request("GET", "a", "/", extra);
    return FrameWriter.write(Frame.Headers.of(stream, Bytes.wrap(fx.encoder.encode(f)), endStream));
  }

  private List<Long> resets(int stream) {
    return fx.frames(Frame.RstStream.class).stream().filter(r -> r.streamId() == stream).map(Frame.RstStream::errorCode).toList();
  }

  @Test
  void aStreamBeingResetStopsCountingBeforeItsRstStreamIsWritten() {
    start(new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, 1));
    fx.receive(request(1, false));
    fx.receive(Frame.WindowUpdate.of(0, 1)); // harmless
    fx.receive(FrameWriter.writeLenient(new Frame.WindowUpdate(0, 1, 0))); // stream error on 1: reset queued
    assertEquals(0, fx.session.activePeerStreams());
    fx.receive(request(3, false)); // before the RST_STREAM for 1 was sent
    assertEquals(1, fx.session.activePeerStreams());
    fx.session.send();
    assertEquals(List.of((long) ErrorCode.PROTOCOL_ERROR.code), resets(1));
    assertEquals(List.of(), resets(3), "stream 3 is within the limit once 1 is being reset");
  }

  @Test
  void theAnnouncedConcurrencyLimitHoldsBeforeTheClientAcknowledgesIt() {
    start(new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, 2));
    for (int id = 1; id <= 5; id += 2) fx.receive(request(id, false));
    fx.session.send();
    assertEquals(List.of((long) ErrorCode.REFUSED_STREAM.code), resets(5));
    assertEquals(2, fx.session.activePeerStreams());
  }

  @Test
  void resetsBeyondTheLimitEndTheConnectionWithEnhanceYourCalm() {
    start();
    fx.session.limitResets(new TokenBucket(3, 0));
    for (int id = 1; id <= 7; id += 2) {
      fx.receive(request(id, true));
      fx.receive(Frame.RstStream.of(id, ErrorCode.CANCEL));
    }
    fx.session.send();
    List<Frame.GoAway> g = fx.frames(Frame.GoAway.class);
    assertEquals(1, g.size(), fx.frames().toString());
    assertEquals(ErrorCode.ENHANCE_YOUR_CALM.code, g.get(0).errorCode());
    assertEquals(7, g.get(0).lastStreamId(), "the fourth reset is one too many");
  }

  @Test
  void streamErrorsTheClientCausesCountAsResets() {
    start();
    fx.session.limitStreamErrors(new TokenBucket(2, 0));
    for (int id = 1; id <= 5; id += 2) {
      fx.receive(request(id, true));
      fx.receive(FrameWriter.writeLenient(new Frame.WindowUpdate(0, id, 0))); // MadeYouReset
    }
    fx.session.send();
    assertEquals(2, fx.frames(Frame.RstStream.class).size());
    assertEquals(ErrorCode.ENHANCE_YOUR_CALM.code, fx.frames(Frame.GoAway.class).get(0).errorCode());
  }

  @Test
  void aHeaderListAboveTheAnnouncedSizeEndsTheConnection() {
    start(new Setting(SettingsParameter.MAX_HEADER_LIST_SIZE, 1024));
    fx.receive(request(1, true, HeaderField.of("a", "x".repeat(500))));
    fx.receive(request(3, true, HeaderField.of("b", "y".repeat(1000))));
    fx.session.send();
    assertTrue(resets(1).isEmpty());
    assertEquals(ErrorCode.ENHANCE_YOUR_CALM.code, fx.frames(Frame.GoAway.class).get(0).errorCode());
    assertEquals(1, fx.frames(Frame.GoAway.class).get(0).lastStreamId(), "stream 3 was not taken up");
  }

  @Test
  void heldRequestFieldsAreBoundedPerConnection() {
    start();
    fx.session.limitHeldHeaderOctets(2000);
    fx.receive(request(1, false, HeaderField.of("a", "x".repeat(900))));
    fx.receive(request(3, false, HeaderField.of("a", "x".repeat(900))));
    fx.session.send();
    assertEquals(List.of((long) ErrorCode.REFUSED_STREAM.code), resets(3));
    fx.receive(Frame.RstStream.of(1, ErrorCode.CANCEL));
    fx.receive(request(5, false, HeaderField.of("a", "x".repeat(900))));
    fx.session.send();
    assertEquals(List.of(), resets(5), "stream 1's fields were released when it closed");
  }
}
