package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.control.CallLog;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataCall;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.NgError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reference server in process, seen on the wire by a hand-played client. */
@Timeout(60)
class ReferenceServerTest {
  private static ReferenceServer start(ServerOptions options) throws IOException {
    return ReferenceServer.start(options);
  }

  static void awaitNoConnections(ReferenceServer server) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (server.connectionCount() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(0, server.connectionCount(), "connections still counted");
  }

  @Test
  void urlAndPortOfAnEphemeralLoopbackPort() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults())) {
      assertTrue(server.port() > 0);
      assertEquals("http://127.0.0.1:" + server.port() + "/", server.url());
      assertNull(server.certificate());
    }
  }

  @Test
  void serverSettingsComeFirstWithTheStreamLimit() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      Frame first = c.next();
      Frame.Settings s = assertInstanceOf(Frame.Settings.class, first);
      assertTrue(s.settings().stream().anyMatch(x -> x.parameter() == SettingsParameter.MAX_CONCURRENT_STREAMS && x.value() == 100));
    }
  }

  @Test
  void paddedPatternBodyOnTheWire() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "100000"), HeaderField.of("h2h-pad", "7"));
      H2Probe.Response r = c.response(1);
      assertEquals("200", r.header(":status"));
      assertEquals("100000", r.header("content-length"));
      H2Probe.assertPattern(100000, r.body());
      for (Frame.Data d : r.data()) {
        // contract §1.3: padded payload = min(maxLength, length + 7); a full 16384 frame has no room.
        int expected = Math.min(16384, d.data().length() + 7) - d.data().length();
        assertEquals(expected, d.padlen(), "padlen of a frame with " + d.data().length() + " octets");
        assertTrue(d.padding() == null || d.padding().octets().indexOfNonZero() < 0, "padding is zeros");
      }
      assertTrue(r.data().stream().anyMatch(d -> d.padlen() == 7), "the short last frame is padded");
    }
  }

  @Test
  void defaultPaddingMaxPadsBodiesWithoutControlPad() throws IOException {
    ServerOptions o = ServerOptions.defaults().withDefaultPad(ControlHeaders.PAD_MAX);
    try (ReferenceServer server = start(o); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "20000"), HeaderField.of("h2h-chunk", "1000"));
      H2Probe.Response r = c.response(1);
      H2Probe.assertPattern(20000, r.body());
      assertEquals(20, r.data().size());
      for (Frame.Data d : r.data()) {
        assertEquals(256, d.padlen(), "max padding: 1000 + 256 fits in 16384");
      }
      c.get(3, "/");
      H2Probe.Response page = c.response(3);
      assertTrue(page.data().stream().allMatch(d -> d.padlen() > 0), "the default page is padded as well");
    }
  }

  @Test
  void scriptedSendDataOutcomesOverSocketsAndTheirLog() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "20000"), HeaderField.of("h2h-chunk", "5000"),
          HeaderField.of("h2h-send-data", "wouldblock,pause,ok,wouldblock,pause"));
      H2Probe.Response r = c.response(1);
      H2Probe.assertPattern(20000, r.body());
      assertEquals(4, r.data().size());
      c.get(3, "/h2h/log?stream=1");
      H2Probe.Response log = c.response(3);
      List<SendDataCall> calls = CallLog.parse(new String(log.body(), StandardCharsets.UTF_8));
      assertEquals(List.of(NgError.WOULDBLOCK, NgError.PAUSE, 0, NgError.WOULDBLOCK, NgError.PAUSE, 0),
          calls.stream().map(SendDataCall::returned).toList());
      // A WOULDBLOCK retry has the same frame, and the read callback did not run again.
      assertEquals(calls.get(0).frameHeader(), calls.get(1).frameHeader());
      assertEquals(calls.get(0).reads(), calls.get(1).reads());
      // PAUSE ended its send() call: the next frame went out in a later one.
      assertTrue(calls.get(2).sendCall() > calls.get(1).sendCall());
    }
  }

  @Test
  void temporalFailureResetsOnlyItsStream() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "5000"), HeaderField.of("h2h-send-data", "temporal-failure"));
      H2Probe.Response reset = c.response(1);
      assertEquals(ErrorCode.INTERNAL_ERROR.code, reset.resetCode());
      assertEquals(0, reset.body().length);
      c.get(3, "/", HeaderField.of("h2h-body", "5000"));
      H2Probe.assertPattern(5000, c.response(3).body());
    }
  }

  @Test
  void callbackFailureClosesTheConnection() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "5000"), HeaderField.of("h2h-send-data", "callback-failure"));
      List<Frame> rest = c.untilClosed();
      assertTrue(rest.stream().noneMatch(f -> f instanceof Frame.Data), "no DATA after CALLBACK_FAILURE: " + rest);
    }
  }

  @Test
  void badPrefaceEndsTheConnection() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.open(server.port())) {
      c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      List<Frame> seen = c.untilClosed();
      assertTrue(seen.stream().anyMatch(f -> f instanceof Frame.GoAway g && g.errorCode() == ErrorCode.PROTOCOL_ERROR.code),
          "GOAWAY(PROTOCOL_ERROR) before the close: " + seen);
    }
  }

  @Test
  void unknownControlHeaderIs400() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/", HeaderField.of("h2h-body", "1"), HeaderField.of("h2h-bogus", "1"));
      H2Probe.Response r = c.response(1);
      assertEquals("400", r.header(":status"));
      assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("h2h-bogus"));
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosed() throws IOException {
    ServerOptions o = ServerOptions.defaults().withLimits(ServerLimits.defaults().withMaxConnections(2));
    try (ReferenceServer server = start(o);
         H2Probe a = H2Probe.connect(server.port()); H2Probe b = H2Probe.connect(server.port())) {
      assertInstanceOf(Frame.Settings.class, a.next());
      assertInstanceOf(Frame.Settings.class, b.next());
      try (H2Probe third = H2Probe.open(server.port())) { // says nothing: the server closes first
        assertEquals(List.of(), third.untilClosed());
      }
      a.get(1, "/", HeaderField.of("h2h-body", "10"));
      H2Probe.assertPattern(10, a.response(1).body());
    }
  }

  @Test
  void anEndlessHeaderBlockEndsItsConnectionOnly() throws IOException {
    ServerOptions o = ServerOptions.defaults().withLimits(ServerLimits.defaults().withMaxHeaderBlockBytes(65536));
    try (ReferenceServer server = start(o); H2Probe flood = H2Probe.connect(server.port());
         H2Probe other = H2Probe.connect(server.port())) {
      flood.send(new Frame.Headers(0, 1, null, dev.h2harness.frame.Bytes.of((byte) 0x82), null)); // no END_HEADERS
      List<Frame> seen;
      try {
        for (int i = 0; i < 100; i++) {
          flood.send(new Frame.Continuation(0, 1, dev.h2harness.frame.Bytes.zeros(16384)));
        }
      } catch (IOException closed) {
        // the server closed while we were still sending
      }
      seen = flood.untilClosed();
      assertTrue(seen.stream().anyMatch(f -> f instanceof Frame.GoAway g && g.errorCode() == ErrorCode.ENHANCE_YOUR_CALM.code),
          "GOAWAY(ENHANCE_YOUR_CALM): " + seen);
      other.get(1, "/", HeaderField.of("h2h-body", "1000"));
      H2Probe.assertPattern(1000, other.response(1).body());
    }
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    ServerOptions o = ServerOptions.defaults()
        .withLimits(ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(500)));
    try (ReferenceServer server = start(o); H2Probe c = H2Probe.connect(server.port())) {
      long t0 = System.nanoTime();
      c.untilClosed();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 300 && ms < 8000, "closed after " + ms + " ms");
      awaitNoConnections(server);
    }
  }

  @Test
  void aReaderThatStopsDoesNotStallOthers() throws IOException {
    ServerOptions o = ServerOptions.defaults().withLimits(ServerLimits.defaults().withThreads(1));
    try (ReferenceServer server = start(o)) {
      Socket stuck = new Socket();
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new InetSocketAddress("127.0.0.1", server.port()));
      try (H2Probe slow = new ProbeOn(stuck).probe()) {
        slow.get(1, "/", HeaderField.of("h2h-body", Long.toString(1L << 30)));
        slow.get(3, "/", HeaderField.of("h2h-body", Long.toString(1L << 30)));
        try (H2Probe quick = H2Probe.connect(server.port())) {
          for (int i = 0; i < 20; i++) {
            quick.get(1 + 2 * i, "/", HeaderField.of("h2h-body", "100000"), HeaderField.of("h2h-pad", "max"));
            H2Probe.assertPattern(100000, quick.response(1 + 2 * i).body());
          }
        }
      }
    }
  }

  /** Wraps a socket set up by the test in a probe that has sent the preface. */
  private record ProbeOn(Socket socket) {
    H2Probe probe() throws IOException {
      socket.setSoTimeout(H2Probe.TIMEOUT_MILLIS);
      return H2Probe.wrap(socket);
    }
  }

  @Test
  void closeClosesConnectionsAndTheListeningSocket() throws IOException {
    ReferenceServer server = start(ServerOptions.defaults());
    int port = server.port();
    try (H2Probe c = H2Probe.connect(port)) {
      assertInstanceOf(Frame.Settings.class, c.next());
      server.close();
      c.untilClosed();
    }
    server.close(); // idempotent
    assertThrows(ConnectException.class, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    });
  }

  @Test
  void headResponseHasNoBody() throws IOException {
    try (ReferenceServer server = start(ServerOptions.defaults()); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/nothing-here");
      H2Probe.Response r = c.response(1);
      assertEquals("404", r.header(":status"));
      assertTrue(r.data().stream().allMatch(d -> !d.hasFlag(Flags.PADDED)));
    }
  }
}
