package dev.h2harness.listen;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.peer.Transport;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A client that sends fixed octets (built frame by frame) and then closes: for the rules that judge
 * a request. {@link #mark()} remembers the offset of the next frame, for the tests' expected offsets.
 */
final class ScriptedBytesClient implements Transport {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final HpackEncoder encoder = new HpackEncoder();
  private byte[] pending;
  private int at;

  ScriptedBytesClient preface() {
    return prefaceOnly().frame(new Frame.Settings(0, 0, List.of()));
  }

  ScriptedBytesClient prefaceOnly() {
    out.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
    return this;
  }

  ScriptedBytesClient frame(Frame f) {
    out.writeBytes(FrameWriter.writeLenient(f));
    return this;
  }

  ScriptedBytesClient headers(int stream, boolean endStream, String... nameValues) {
    List<HeaderField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) fields.add(HeaderField.of(nameValues[i], nameValues[i + 1]));
    return frame(Frame.Headers.of(stream, Bytes.wrap(encoder.encode(fields)), endStream));
  }

  /** A well-formed GET on {@code stream}, with extra fields after the pseudo-headers. */
  ScriptedBytesClient get(int stream, String... extra) {
    String[] base = {":method", "GET", ":scheme", "http", ":authority", "h2harness", ":path", "/"};
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return headers(stream, true, all);
  }

  long mark() {
    return out.size();
  }

  @Override public void write(byte[] data, int offset, int length) {}

  @Override public int read(byte[] buf, int timeoutMillis) {
    if (pending == null) pending = out.toByteArray();
    if (at >= pending.length) return -1;
    int n = Math.min(buf.length, pending.length - at);
    System.arraycopy(pending, at, buf, 0, n);
    at += n;
    return n;
  }

  @Override public boolean synchronous() {
    return true;
  }

  @Override public String describe() {
    return "scripted client octets";
  }

  @Override public void close() {}
}
