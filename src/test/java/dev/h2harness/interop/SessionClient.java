package dev.h2harness.interop;

import dev.h2harness.TestRequests;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.FrameType;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.DataFlags;
import dev.h2harness.session.DataSource;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import dev.h2harness.session.SessionCallbacks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference session in the client role over a blocking loopback socket: request bodies are
 * uploaded through NO_COPY with padding, the way nghttp2's own test_nghttp2_session_send_data_callback
 * drives a client session.
 */
final class SessionClient implements AutoCloseable {
  /** A request body of pattern octets promised by NO_COPY reads and written by the send-data callback. */
  static final class PatternUpload implements DataSource {
    final long total;
    long promised;
    long written;

    PatternUpload(long total) {
      this.total = total;
    }

    @Override public int read(Session s, int streamId, byte[] buf, int off, int max, DataFlags flags) {
      int n = (int) Math.min(max, total - promised);
      promised += n;
      flags.set(DataFlags.NO_COPY);
      if (promised == total) flags.set(DataFlags.EOF);
      return n;
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  final Session session;
  final Map<Integer, List<HeaderField>> headers = new HashMap<>();
  final Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
  final Map<Integer, Long> closed = new HashMap<>();
  int dataFramesPadded;
  private IOException failure;

  SessionClient(int port, int pad) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = socket.getInputStream();
    byte[] chunk = new byte[16384];
    session = Session.client(new SessionCallbacks()
        .send((b, o, l) -> write(b, o, l) ? l : NgError.CALLBACK_FAILURE)
        .selectPadding((s, type, stream, length, max) -> type == FrameType.DATA.code ? Math.min(max, length + pad) : length)
        .sendData((s, frame, hd, length, source) -> {
          PatternUpload up = (PatternUpload) source;
          ByteArrayOutputStream f = new ByteArrayOutputStream(9 + length + frame.padlen());
          f.writeBytes(hd);
          if (frame.padlen() > 0) {
            f.write(frame.padlen() - 1);
            dataFramesPadded++;
          }
          BodyPattern.copy(up.written, chunk, 0, length);
          f.write(chunk, 0, length);
          up.written += length;
          if (frame.padlen() > 1) f.writeBytes(new byte[frame.padlen() - 1]);
          return write(f.toByteArray(), 0, f.size()) ? 0 : NgError.CALLBACK_FAILURE;
        })
        .onHeader((s, id, h) -> headers.computeIfAbsent(id, k -> new ArrayList<>()).add(h))
        .onDataChunk((s, id, b, o, l) -> bodies.computeIfAbsent(id, k -> new ByteArrayOutputStream()).write(b, o, l))
        .onStreamClose((s, id, code) -> closed.put(id, code)));
    session.submitSettings();
  }

  private boolean write(byte[] b, int o, int l) {
    try {
      out.write(b, o, l);
      return true;
    } catch (IOException e) {
      failure = e;
      return false;
    }
  }

  int upload(String authority, String path, long length) {
    return session.submitRequest(TestRequests.request("POST", authority, path,
        HeaderField.of("content-length", Long.toString(length))), new PatternUpload(length));
  }

  /** Drives the session until {@code streamId} closes; fails after {@code timeoutMillis}. */
  void await(int streamId, int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    byte[] buf = new byte[65536];
    while (!closed.containsKey(streamId)) {
      int rv = session.send();
      if (failure != null) throw failure;
      if (rv < 0) throw new IOException("client session failed: " + NgError.name(rv));
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) throw new IOException("stream " + streamId + " did not close within " + timeoutMillis + " ms");
      socket.setSoTimeout((int) Math.max(1, Math.min(left, 50)));
      try {
        int n = in.read(buf);
        if (n < 0) throw new IOException("the server closed the connection");
        int consumed = session.memReceive(buf, 0, n);
        if (consumed < 0) throw new IOException("client session rejected the server's bytes: " + NgError.name(consumed));
      } catch (SocketTimeoutException e) {
        // Nothing yet; send() again, then read again.
      }
    }
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
