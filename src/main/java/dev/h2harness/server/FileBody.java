package dev.h2harness.server;

import dev.h2harness.control.NoCopyBody;
import dev.h2harness.control.OutputSink;
import dev.h2harness.session.DataFlags;
import dev.h2harness.session.Session;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A static file's body, read through NO_COPY: the read callback only promises lengths; the
 * send-data callback hands the file region to the sink, which sends it without a heap copy
 * (from the file's mapping, or by {@code transferTo}).
 */
final class FileBody implements NoCopyBody {
  private final OpenFile file;
  private final long size;
  private long promised;
  private long written;
  private int reads;
  private boolean released;

  FileBody(OpenFile file, long size) {
    this.file = file;
    this.size = size;
  }

  @Override public int read(Session session, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags) {
    reads++;
    int n = (int) Math.min(maxLength, size - promised);
    promised += n;
    flags.set(DataFlags.NO_COPY);
    if (promised == size) {
      flags.set(DataFlags.EOF);
    }
    return n;
  }

  @Override public void writePayload(OutputSink sink, int length) {
    if (sink instanceof FileRegionSink regions) {
      regions.writeFile(file, written, length);
    } else {
      copy(sink, length);
    }
    written += length;
    if (written == size) {
      release();
    }
  }

  /** A sink that only takes arrays (in-memory use): the one place a file passes through the heap. */
  private void copy(OutputSink sink, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    try {
      while (buf.hasRemaining()) {
        if (file.channel().read(buf, written + buf.position()) < 0) {
          throw new EOFException("file shrank while it was being sent");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.write(buf.array(), 0, length);
  }

  @Override public int reads() {
    return reads;
  }

  boolean finished() {
    return written == size;
  }

  /** Lets go of the file; regions already queued keep it open until they are written. */
  void release() {
    if (!released) {
      released = true;
      file.release();
    }
  }
}
