package dev.h2harness.peer;

import dev.h2harness.control.ControlledServer;
import dev.h2harness.control.OutputSink;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import java.io.ByteArrayOutputStream;

/**
 * A transport to a reference server in the same process: the oracle's target. Bytes written are
 * handed to the session at once; a read drives {@code send()} until the session has nothing more
 * to write (a PAUSE or a WOULDBLOCK only ends one call, as on a socket's next turn).
 */
public final class InMemoryTransport implements Transport {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ControlledServer server;
  private boolean closed;

  public InMemoryTransport(int defaultPad) {
    this.server = new ControlledServer(new OutputSink() {
      @Override public int room() {
        return Integer.MAX_VALUE;
      }

      @Override public void write(byte[] data, int offset, int length) {
        pending.write(data, offset, length);
      }
    }, defaultPad);
  }

  public ControlledServer server() {
    return server;
  }

  @Override public void write(byte[] data, int offset, int length) {
    if (closed) return;
    Session s = server.session();
    int rv = s.memReceive(data, offset, length);
    if (rv < 0) {
      drive();
      closed = true;
    }
  }

  @Override public int read(byte[] buf, int timeoutMillis) {
    if (!closed) drive();
    if (pending.size() == 0) {
      return closed ? -1 : 0;
    }
    byte[] all = pending.toByteArray();
    int n = Math.min(buf.length, all.length);
    System.arraycopy(all, 0, buf, 0, n);
    pending.reset();
    pending.write(all, n, all.length - n);
    return n;
  }

  private void drive() {
    Session s = server.session();
    // Each send() call is one turn of an event loop; a PAUSE or WOULDBLOCK ends only that turn.
    for (int turn = 0; turn < 10_000_000 && s.wantWrite(); turn++) {
      int rv = s.send();
      if (NgError.isFatal(rv)) {
        closed = true;
        return;
      }
    }
    if (!s.wantRead() && !s.wantWrite()) closed = true;
  }

  @Override public boolean synchronous() {
    return true;
  }

  @Override public String describe() {
    return "in-memory reference server";
  }

  @Override public void close() {
    closed = true;
  }
}
