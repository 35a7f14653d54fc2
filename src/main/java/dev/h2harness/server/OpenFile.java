package dev.h2harness.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * A file channel shared by a body and the output segments still waiting to be written from it;
 * closed when the last holder lets go, so a reset stream cannot close a file under a queued write.
 * Its payload octets are handed out as views of a read-only memory mapping, in windows of 1 GiB,
 * so they reach the socket without a copy on the Java side. Used by one event-loop thread only.
 */
final class OpenFile {
  static final long WINDOW = 1L << 30;

  private final FileChannel channel;
  private final Map<Long, MappedByteBuffer> windows = new HashMap<>();
  private int holders = 1;

  OpenFile(FileChannel channel) {
    this.channel = channel;
  }

  FileChannel channel() {
    return channel;
  }

  /** The octets {@code [position, position + length)}, which must lie within one window. */
  ByteBuffer view(long position, int length) throws IOException {
    long index = position / WINDOW;
    long start = index * WINDOW;
    MappedByteBuffer m = windows.get(index);
    if (m == null || position + length - start > m.capacity()) {
      long size = channel.size();
      if (position + length > size) {
        throw new EOFException("file shrank while it was being sent");
      }
      // The mapping lives until the buffer is collected; closing the channel does not unmap it.
      m = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
      windows.put(index, m);
    }
    return m.slice((int) (position - start), length);
  }

  void retain() {
    holders++;
  }

  void release() {
    if (--holders == 0) {
      windows.clear();
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was written through it any more; the descriptor is gone either way.
      }
    }
  }
}
