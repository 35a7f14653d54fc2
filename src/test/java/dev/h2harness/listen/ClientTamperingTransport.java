package dev.h2harness.listen;

import dev.h2harness.control.ControlHeaderException;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.peer.InMemoryClientTransport;
import dev.h2harness.peer.Transport;
import java.io.ByteArrayOutputStream;
import java.util.function.BiFunction;

/**
 * The in-memory reference client with its output rewritten frame by frame: a client that lies in
 * a known way. The rewrite gets each frame's bytes and its offset in the rewritten stream and
 * returns the bytes to send instead; the preface passes unchanged.
 */
final class ClientTamperingTransport implements Transport {
  private final InMemoryClientTransport inner;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final FrameReader reader;
  private long written;
  private boolean innerClosed;

  ClientTamperingTransport(String path, BiFunction<byte[], Long, byte[]> rewrite) throws ControlHeaderException {
    this.inner = new InMemoryClientTransport(path);
    this.reader = new FrameReader(true, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.PrefaceRead) {
        out.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
        written += 24;
      } else if (e instanceof ReadEvent.FrameRead fr) {
        byte[] r = rewrite.apply(FrameWriter.writeRaw(fr.raw()), written);
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
    return "tampered in-memory reference client";
  }

  @Override public void close() {
    inner.close();
  }
}
