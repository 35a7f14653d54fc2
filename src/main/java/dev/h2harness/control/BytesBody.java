package dev.h2harness.control;

import dev.h2harness.session.DataFlags;
import dev.h2harness.session.DataSource;
import dev.h2harness.session.Session;

/** A small body copied into the session's buffer (not NO_COPY): pages, logs, error texts. */
public final class BytesBody implements DataSource {
  private final byte[] bytes;
  private int at;

  public BytesBody(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override public int read(Session session, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags) {
    int n = Math.min(maxLength, bytes.length - at);
    System.arraycopy(bytes, at, buf, offset, n);
    at += n;
    if (at == bytes.length) flags.set(DataFlags.EOF);
    return n;
  }
}
