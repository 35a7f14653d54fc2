package dev.h2harness.fuzz;

import dev.h2harness.control.ControlHeaders;
import java.util.List;

/**
 * One generated connection: the peer's SETTINGS_INITIAL_WINDOW_SIZE and SETTINGS_MAX_FRAME_SIZE,
 * the window credit it gives back to a stream once the stream's window is used up (its
 * WINDOW_UPDATE schedule), and the streams it opens at once. The connection window is opened wide
 * first, so each stream's framing depends only on its own window.
 */
public record FuzzCase(int initialWindow, int maxFrameSize, int streamCredit, List<ControlHeaders> streams) {
  public FuzzCase {
    streams = List.copyOf(streams);
  }
}
