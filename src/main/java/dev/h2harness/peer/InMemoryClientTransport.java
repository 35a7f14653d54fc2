package dev.h2harness.peer;

import dev.h2harness.control.ControlHeaderException;
import dev.h2harness.control.ControlledClient;
import dev.h2harness.control.OutputSink;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import java.io.ByteArrayOutputStream;

/**
 * A transport to the reference client in the same process: the oracle of a client control
 * scenario. Bytes the harness writes go to the client's session at once; a read drives its
 * {@code send()} until it has nothing more to write, as {@link InMemoryTransport} does for the server.
 */
public final class InMemoryClientTransport implements Transport {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ControlledClient client;
  private boolean closed;

  public InMemoryClientTransport(String path) throws ControlHeaderException {
    this.client = new ControlledClient(new OutputSink() {
      @Override public int room() {
        return Integer.MAX_VALUE;
      }

      @Override public void write(byte[] data, int offset, int length) {
        pending.write(data, offset, length);
      }
    }, "h2harness", path);
    // A client writes its first flight (preface, SETTINGS, request, DATA up to the default windows)
    // before it reads the server's SETTINGS, as libnghttp2 does on a fresh socket: so must the oracle.
    drive();
  }

  public ControlledClient client() {
    return client;
  }

  @Override public void write(byte[] data, int offset, int length) {
    if (closed) return;
    if (client.session().memReceive(data, offset, length) < 0) {
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

  private void drive() {
    Session s = client.session();
    for (int turn = 0; turn < 10_000_000 && s.wantWrite(); turn++) {
      if (NgError.isFatal(s.send())) {
        closed = true;
        return;
      }
    }
    if (client.done() || (!s.wantRead() && !s.wantWrite())) closed = true;
  }

  @Override public boolean synchronous() {
    return true;
  }

  @Override public String describe() {
    return "in-memory reference client";
  }

  @Override public void close() {
    closed = true;
  }
}
