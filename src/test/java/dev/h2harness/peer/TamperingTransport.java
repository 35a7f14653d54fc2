package dev.h2harness.peer;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * An in-memory reference session with its output rewritten frame by frame: a target that lies in
 * a known way. The rewrite gets each frame's bytes and its offset in the rewritten stream, and
 * returns the bytes to send instead (any number of frames, or none); a client's preface passes
 * unchanged.
 */
public final class TamperingTransport implements Transport {
  private final Transport inner;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final FrameReader reader;
  private long written;
  private boolean innerClosed;

  /** The reference server, lying. */
  public TamperingTransport(BiFunction<byte[], Long, byte[]> rewrite) {
    this(new InMemoryTransport(-1), false, rewrite);
  }

  /** {@code inner} lying; {@code client} when it is a client, whose bytes start with the preface. */
  public TamperingTransport(Transport inner, boolean client, BiFunction<byte[], Long, byte[]> rewrite) {
    this.inner = inner;
    this.reader = new FrameReader(client, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.PrefaceRead) {
        out.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
        written += FrameReader.CLIENT_PREFACE.length();
      } else if (e instanceof ReadEvent.FrameRead fr) {
        byte[] r = rewrite.apply(FrameWriter.writeRaw(fr.raw()), written);
        out.writeBytes(r);
        written += r.length;
      }
    });
  }

  @Override public void write(byte[] data, int offset, int length) throws IOException {
    inner.write(data, offset, length);
  }

  @Override public int read(byte[] buf, int timeoutMillis) throws IOException {
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
    return "tampered " + inner.describe();
  }

  @Override public void close() throws IOException {
    inner.close();
  }

  public static FrameHeader header(byte[] frame) {
    return FrameHeader.parse(frame, 0);
  }
}
