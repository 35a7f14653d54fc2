package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import org.junit.jupiter.api.Test;

/** A body far larger than the summaries kept: checked in full, summarised only in part. */
class LongResponseTest {
  private static final int FRAME = 251 * 64;
  private static final int FRAMES = 12_000;

  @Test void longBodyIsCheckedWhileItsSummaryStaysBounded() {
    long body = (long) FRAME * FRAMES;
    HandMadeCapture c = new HandMadeCapture().handshake(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 0x7fffffff));
    c.peer(Frame.WindowUpdate.of(0, SettingsParameter.MAX_WINDOW - SettingsParameter.DEFAULT_WINDOW));
    c.request(1, "h2h-body", Long.toString(body));
    c.response(1, 200, false, "content-length", Long.toString(body));
    ConnectionModel m = c.feed(HandMadeCapture.model());
    // every frame starts at a multiple of 251 body octets, so all but the last are the same bytes
    byte[] frame = FrameWriter.write(Frame.Data.of(1, HandMadeCapture.body(0, FRAME), false));
    for (int i = 0; i < FRAMES - 1; i++) {
      m.fromTarget(frame, 0, frame.length);
    }
    byte[] last = FrameWriter.write(Frame.Data.of(1, HandMadeCapture.body(0, FRAME), true));
    m.fromTarget(last, 0, last.length);
    m.finish();
    Expect.none(m);
    StreamView s = m.stream(1);
    assertEquals(body, s.bodyBytes());
    assertEquals(FRAMES, s.dataFrameCount());
    assertEquals(ConnectionModel.MAX_DATA_SUMMARIES, s.dataFrames().size());
  }
}
