package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FrameGuardTest {
  private static byte[] stream(Frame... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
    for (Frame f : frames) out.writeBytes(FrameWriter.writeLenient(f));
    return out.toByteArray();
  }

  /**
   * Feeds {@code bytes} in pieces of {@code step} to a reader the guard watches, as the session's
   * reader is watched; true when no header was refused.
   */
  private static boolean feed(FrameGuard g, byte[] bytes, int step) {
    FrameReader reader = new FrameReader(true, FrameWriter.MAX_LENGTH, e -> {});
    boolean[] refused = {false};
    reader.watchHeaders(h -> {
      refused[0] = g.refusal(h) != null;
      return !refused[0];
    });
    for (int at = 0; at < bytes.length; at += step) {
      reader.feed(bytes, at, Math.min(step, bytes.length - at));
    }
    return !refused[0];
  }

  @Test
  void countsAHeaderBlockAcrossContinuationsWhereverTheBytesSplit() {
    byte[] over = stream(Frame.Settings.of(), new Frame.Headers(0, 1, null, Bytes.zeros(10000), null),
        new Frame.Data(0, 3, Bytes.zeros(16000), null), // DATA inside a block: not ours to judge, not counted
        new Frame.Continuation(0, 1, Bytes.zeros(10000)));
    byte[] under = stream(Frame.Settings.of(), new Frame.Headers(0, 1, null, Bytes.zeros(10000), null),
        new Frame.Continuation(0x4, 1, Bytes.zeros(9000)),
        new Frame.Headers(0x4, 3, null, Bytes.zeros(15000), null),
        new Frame.Data(0, 3, Bytes.zeros(16000), null));
    for (int step : new int[] {1, 7, 9, 1000, 100_000}) {
      assertFalse(feed(new FrameGuard(19_999), over, step), "step " + step);
      assertTrue(feed(new FrameGuard(19_999), under, step), "step " + step);
    }
  }
}
