package dev.h2harness.server;

import dev.h2harness.TestRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.hpack.HpackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-played h2c client on a real socket, to look at the server's frames as they are on the
 * wire (padding, frame sizes, resets). Every read waits at most {@link #TIMEOUT_MILLIS}.
 */
final class H2Probe implements AutoCloseable {
  static final int TIMEOUT_MILLIS = 10_000;

  /** A response: fields, body octets, its DATA frames as sent, and the RST_STREAM code if reset. */
  record Response(List<HeaderField> headers, byte[] body, List<Frame.Data> data, Long resetCode) {
    String header(String name) {
      return headers.stream().filter(f -> f.name().equals(name)).map(HeaderField::value).findFirst().orElse(null);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final HpackEncoder encoder = new HpackEncoder();
  private final HpackDecoder decoder = new HpackDecoder(4096);
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final java.util.Map<Frame, List<HeaderField>> decoded = new java.util.IdentityHashMap<>();
  /** Frames read while waiting for another stream's response. */
  private final java.util.Map<Integer, ArrayDeque<Frame>> parked = new java.util.HashMap<>();
  private final FrameReader reader;
  private final byte[] buf = new byte[65536];
  private boolean eof;

  private H2Probe(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead fr) {
        frames.add(fr.frame());
      } else {
        throw new AssertionError("server wrote a bad frame: " + e);
      }
    });
  }

  /** Connects without saying anything. */
  static H2Probe open(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    s.setSoTimeout(TIMEOUT_MILLIS);
    return new H2Probe(s);
  }

  /** Connects and sends the preface. */
  static H2Probe connect(int port) throws IOException {
    return start(open(port));
  }

  /** A probe on a socket the test connected itself; sends the preface. */
  static H2Probe wrap(Socket connected) throws IOException {
    return start(new H2Probe(connected));
  }

  /** The preface, then windows of 2^31-1 so flow control never holds a response back. */
  private static H2Probe start(H2Probe p) throws IOException {
    p.write(FrameReader.CLIENT_PREFACE.toArray());
    p.send(Frame.Settings.of(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE)));
    p.send(Frame.WindowUpdate.of(0, SettingsParameter.MAX_WINDOW - SettingsParameter.DEFAULT_WINDOW));
    return p;
  }

  Socket socket() {
    return socket;
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void send(Frame f) throws IOException {
    write(FrameWriter.write(f));
  }

  /** A GET for {@code path} with END_STREAM. */
  void get(int streamId, String path, HeaderField... extra) throws IOException {
    request(streamId, "GET", path, extra);
  }

  void request(int streamId, String method, String path, HeaderField... extra) throws IOException {
    List<HeaderField> fields = TestRequests.request(method, "127.0.0.1", path, extra);
    send(Frame.Headers.of(streamId, Bytes.wrap(encoder.encode(fields)), true));
  }

  /** The next frame, or null at end of stream. SETTINGS are acknowledged on the way. */
  Frame next() throws IOException {
    while (frames.isEmpty()) {
      if (eof) return null;
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no frame from the server in " + TIMEOUT_MILLIS + " ms");
      } catch (IOException e) {
        n = -1; // reset by the server counts as closed
      }
      if (n < 0) {
        eof = true;
        return null;
      }
      reader.feed(buf, 0, n);
    }
    Frame f = frames.poll();
    if (f instanceof Frame.Settings s && !s.isAck()) {
      send(Frame.Settings.ack());
    }
    if (f instanceof Frame.Headers h) {
      // Decoded as it arrives: the HPACK context follows the order on the wire.
      assertTrue(h.hasFlag(Flags.END_HEADERS), "test client takes no CONTINUATION");
      try {
        decoded.put(h, decoder.decode(h.fragment().toArray()));
      } catch (HpackException e) {
        throw new AssertionError(e);
      }
    }
    return f;
  }

  /** Reads until the response on {@code streamId} ends; other streams' frames wait for their turn. */
  Response response(int streamId) throws IOException {
    List<HeaderField> headers = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Frame.Data> data = new ArrayList<>();
    ArrayDeque<Frame> mine = parked.computeIfAbsent(streamId, k -> new ArrayDeque<>());
    for (;;) {
      Frame f = mine.isEmpty() ? next() : mine.poll();
      if (f == null) throw new AssertionError("connection closed before stream " + streamId + " ended");
      if (f instanceof Frame.GoAway g) {
        throw new AssertionError("GOAWAY " + g.errorCode() + " " + g.debugData().latin1());
      }
      if (f.streamId() == 0) {
        continue; // SETTINGS (acknowledged in next()), PING, WINDOW_UPDATE
      }
      if (f.streamId() != streamId) {
        parked.computeIfAbsent(f.streamId(), k -> new ArrayDeque<>()).add(f);
        continue;
      }
      if (f instanceof Frame.Headers h) {
        headers.addAll(decoded.remove(h));
      }
      if (f instanceof Frame.RstStream r) {
        return new Response(headers, body.toByteArray(), data, r.errorCode());
      }
      if (f instanceof Frame.Data d) {
        data.add(d);
        body.writeBytes(d.data().toArray());
      }
      if (f.hasFlag(Flags.END_STREAM)) {
        parked.remove(streamId);
        return new Response(headers, body.toByteArray(), data, null);
      }
    }
  }

  /** Reads to the end of stream; returns the frames seen on the way. */
  List<Frame> untilClosed() throws IOException {
    List<Frame> seen = new ArrayList<>();
    Frame f;
    while ((f = next()) != null) {
      seen.add(f);
    }
    return seen;
  }

  static void assertPattern(long length, byte[] body) {
    assertEquals(length, body.length, "body length");
    int bad = dev.h2harness.control.BodyPattern.mismatch(0, body, 0, body.length);
    assertEquals(-1, bad, "body octet " + bad + " is not i mod 251");
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
