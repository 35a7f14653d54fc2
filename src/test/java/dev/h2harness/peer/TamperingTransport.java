package dev.h2harness.peer;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * The in-memory reference server with its output rewritten frame by frame: a target that lies in
 * a known way. The rewrite gets each frame's bytes and its offset in the rewritten stream, and
 * returns the bytes to send instead (any number of frames, or none).
 */
public final class TamperingTransport implements Transport {
  private final InMemoryTransport inner = new InMemoryTransport(-1);
  private final BiFunction<byte[], Long, byte[]> rewrite;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final FrameReader reader;
  private long written;
  private boolean innerClosed;

  public TamperingTransport(BiFunction<byte[], Long, byte[]> rewrite) {
    this.rewrite = rewrite;
    this.reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead fr) {
        byte[] b = FrameWriter.writeRaw(fr.raw());
        byte[] r = this.rewrite.apply(b, written);
        out.writeBytes(r);
        written += r.length;
      }
    });
  }

  @Override public void write(byte[] data, int offset, int length) {
    inner.write(data, offset, length);
  }

  @Override public int read(byte[] buf, int timeoutMillis) {
    byte[] tmp = new byte[1 << 16];
    while (!innerClosed) {
      int n = inner.read(tmp, timeoutMillis);
      if (n < 0) innerClosed = true;
      if (n <= 0) break;
      reader.feed(tmp, 0, n);
    }
    if (out.size() == 0) return innerClosed ? -1 : 0;
    byte[] all = out.toByteArray();
    int n = Math.min(buf.length, all.length);
    System.arraycopy(all, 0, buf, 0, n);
    out.reset();
    out.write(all, n, all.length - n);
    return n;
  }

  @Override public boolean synchronous() {
    return true;
  }

  @Override public String describe() {
    return "tampered in-memory reference server";
  }

  @Override public void close() throws IOException {
    inner.close();
  }

  public static FrameHeader header(byte[] frame) {
    return FrameHeader.parse(frame, 0);
  }
}
