package dev.h2harness.server;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A file channel shared by a body and the output regions still waiting to be written from it;
 * closed when the last holder lets go, so a reset stream cannot close a file under a queued write.
 * Used by one event-loop thread only.
 */
final class OpenFile {
  private final FileChannel channel;
  private int holders = 1;

  OpenFile(FileChannel channel) {
    this.channel = channel;
  }

  FileChannel channel() {
    return channel;
  }

  void retain() {
    holders++;
  }

  void release() {
    if (--holders == 0) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was written through it any more; the descriptor is gone either way.
      }
    }
  }
}
