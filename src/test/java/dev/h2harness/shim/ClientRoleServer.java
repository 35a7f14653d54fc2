package dev.h2harness.shim;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.Session;
import dev.h2harness.session.SessionCallbacks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A one-connection h2c server on loopback for a cooperating client under test: the reference
 * session in the server role answers every complete request with 200 (or the status a
 * {@code status=N} query asks for) and no body, and every octet the client sent is kept, so the
 * test can read the client's frames (DATA padding included) as they were on the wire.
 */
final class ClientRoleServer implements AutoCloseable {
  private final ServerSocket listener;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final Map<Integer, List<HeaderField>> headers = new ConcurrentHashMap<>();
  final Map<Integer, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
  final List<Integer> closed = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean accepted;
  private volatile Throwable failure;

  ClientRoleServer() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "client-role-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void serve() {
    try (Socket s = listener.accept()) {
      accepted = true;
      s.setTcpNoDelay(true);
      s.setSoTimeout(50);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      Session session = Session.server(new SessionCallbacks()
          .send((b, o, l) -> {
            try {
              out.write(b, o, l);
              return l;
            } catch (IOException e) {
              return dev.h2harness.session.NgError.CALLBACK_FAILURE;
            }
          })
          .onHeader((ss, id, h) -> headers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(h))
          .onDataChunk((ss, id, b, o, l) -> bodies.computeIfAbsent(id, k -> new ByteArrayOutputStream()).write(b, o, l))
          .onStreamClose((ss, id, code) -> closed.add(id))
          .onFrameReceive((ss, f) -> {
            if ((f instanceof Frame.Headers || f instanceof Frame.Data) && f.hasFlag(dev.h2harness.frame.Flags.END_STREAM)) {
              String path = value(f.streamId(), ":path");
              String status = path != null && path.contains("status=404") ? "404" : "200";
              ss.submitResponse(f.streamId(), List.of(HeaderField.of(":status", status)), null);
            }
          }));
      session.submitSettings();
      long deadline = System.nanoTime() + 20_000_000_000L;
      byte[] buf = new byte[65536];
      while (System.nanoTime() < deadline) {
        session.send();
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (n < 0) break;
        synchronized (received) {
          received.write(buf, 0, n);
        }
        if (session.memReceive(buf, 0, n) < 0) break;
      }
    } catch (Throwable e) {
      if (!listener.isClosed()) failure = e;
    }
  }

  String value(int stream, String name) {
    return headers.getOrDefault(stream, List.of()).stream().filter(h -> h.name().equals(name)).map(HeaderField::value)
        .reduce((a, b) -> b).orElse(null);
  }

  /** Waits for the connection to end (the client closed it) and returns the client's frames as read. */
  List<ReadEvent.FrameRead> frames() throws Exception {
    thread.join(25_000);
    if (failure != null) throw new AssertionError("the test server failed", failure);
    List<ReadEvent.FrameRead> out = new ArrayList<>();
    FrameReader r = new FrameReader(true, 1 << 24, e -> {
      if (e instanceof ReadEvent.FrameRead f) out.add(f);
      else if (!(e instanceof ReadEvent.PrefaceRead)) throw new AssertionError("client sent " + e);
    });
    synchronized (received) {
      r.feed(received.toByteArray());
    }
    r.finish();
    return out;
  }

  boolean accepted() {
    return accepted;
  }

  @Override public void close() throws IOException {
    listener.close();
  }
}
