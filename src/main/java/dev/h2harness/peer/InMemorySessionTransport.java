package dev.h2harness.peer;

import dev.h2harness.control.OutputSink;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import java.io.ByteArrayOutputStream;

/**
 * A transport to a reference session in the same process: the oracle's side of a connection.
 * Bytes written are handed to the session at once; a read drives {@code send()} until the session
 * has nothing more to write (a PAUSE or a WOULDBLOCK only ends one call, as on a socket's next turn).
 */
abstract class InMemorySessionTransport implements Transport {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private boolean closed;

  /** Where the session's application writes: an unbounded buffer the next read drains. */
  final OutputSink sink = new OutputSink() {
    @Override public int room() {
      return Integer.MAX_VALUE;
    }

    @Override public void write(byte[] data, int offset, int length) {
      pending.write(data, offset, length);
    }
  };

  abstract Session session();

  /** Whether the application is finished even though its session could go on. */
  boolean applicationDone() {
    return false;
  }

  @Override public void write(byte[] data, int offset, int length) {
    if (closed) return;
    if (session().memReceive(data, offset, length) < 0) {
      drive();
      closed = true;
    }
  }

  @Override public int read(byte[] buf, int timeoutMillis) {
    if (!closed) drive();
    if (pending.size() == 0) return closed ? -1 : 0;
    byte[] all = pending.toByteArray();
    int n = Math.min(buf.length, all.length);
    System.arraycopy(all, 0, buf, 0, n);
    pending.reset();
    pending.write(all, n, all.length - n);
    return n;
  }

  /** Each send() call is one turn of an event loop; a PAUSE or WOULDBLOCK ends only that turn. */
  final void drive() {
    Session s = session();
    for (int turn = 0; turn < 10_000_000 && s.wantWrite(); turn++) {
      if (NgError.isFatal(s.send())) {
        closed = true;
        return;
      }
    }
    if (applicationDone() || (!s.wantRead() && !s.wantWrite())) closed = true;
  }

  @Override public boolean synchronous() {
    return true;
  }

  @Override public void close() {
    closed = true;
  }
}
