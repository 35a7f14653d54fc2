package dev.h2harness.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The target is classified once, within one timeout (plus a second of slack for a loaded machine),
 * and what answered instead of an HTTP/2 server is named in one line.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TargetProbeTest {
  private static final int TIMEOUT = 500;
  private static final byte[] SETTINGS = FrameWriter.write(Frame.Settings.of());

  private static TargetClass classify(HostileServer target, String path) throws Exception {
    long began = System.nanoTime();
    TargetClass c;
    try (Transport t = TcpTransport.connect("127.0.0.1", target.port(), TIMEOUT)) {
      c = TargetProbe.classify(t, "http", "localhost", path, TIMEOUT, ScenarioRunner.HEADER_LIST_LIMIT);
    }
    long millis = (System.nanoTime() - began) / 1_000_000;
    assertTrue(millis < TIMEOUT + 1000, "classified after " + millis + " ms");
    return c;
  }

  private static String couldNotRun(HostileServer.Behaviour b) throws Exception {
    try (HostileServer t = new HostileServer(b)) {
      return assertInstanceOf(TargetClass.CouldNotRun.class, classify(t, "/")).line();
    }
  }

  @Test
  void nothingAtAll() throws Exception {
    assertEquals("nothing arrived within 0.5 s: no server preface",
        couldNotRun(s -> s.getInputStream().transferTo(OutputStream.nullOutputStream())));
  }

  @Test
  void closedBeforeThePreface() throws Exception {
    String line = couldNotRun(s -> s.shutdownOutput());
    assertTrue(line.startsWith("the target closed the connection before sending anything"), line);
  }

  @Test
  void resetBeforeThePreface() throws Exception {
    String line = couldNotRun(s -> {
      s.getInputStream().readNBytes(24);
      s.setSoLinger(true, 0);
      s.close();
    });
    assertTrue(line.startsWith("the connection failed before the server preface: ")
        || line.startsWith("the target closed the connection before sending anything"), line);
  }

  @Test
  void http1StatusLineIsQuoted() throws Exception {
    assertEquals("the target answered HTTP/1.x, not HTTP/2: \"HTTP/1.1 400 Bad Request\"", couldNotRun(s -> {
      s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    }));
  }

  @Test
  void tlsRecordOnAPlainConnectionSuggestsHttps() throws Exception {
    // A TLS alert record (protocol_version), as TLS servers answer bytes that are not a ClientHello.
    assertEquals("the target answered with a TLS record on a plain connection: try https://", couldNotRun(s -> {
      s.getOutputStream().write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46});
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    }));
  }

  @Test
  void firstFrameThatIsNotSettingsIsNamedWithItsLength() throws Exception {
    assertEquals("the first frame is DATA (length 16777215), not SETTINGS: not an HTTP/2 server preface (RFC 9113 §3.4)",
        couldNotRun(s -> {
          s.getOutputStream().write(new FrameHeader(0xffffff, FrameType.DATA.code, 0, 1).toBytes());
          s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }));
  }

  @Test
  void dribbledPrefaceIsIncompleteWithinTheTimeout() throws Exception {
    String line = couldNotRun(s -> {
      OutputStream out = s.getOutputStream();
      for (byte b : SETTINGS) {
        out.write(b);
        out.flush();
        Thread.sleep(300);
      }
      Thread.sleep(10_000);
    });
    assertTrue(line.startsWith("the server preface is incomplete after 0.5 s: 2 octets (00 00)"), line);
  }

  @Test
  void settingsThenNoAnswerToTheGet() throws Exception {
    assertEquals("GET / got no response headers within 0.5 s (the server preface arrived)", couldNotRun(s -> {
      s.getOutputStream().write(SETTINGS);
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    }));
  }

  @Test
  void generic404CouldNotRun() throws Exception {
    try (HostileServer t = new HostileServer(HostileTargetsTest.answering(404))) {
      assertEquals("GET /missing answered 404",
          assertInstanceOf(TargetClass.CouldNotRun.class, classify(t, "/missing")).line());
    }
  }

  @Test
  void plainHttp2ServerDoesNotHonourControlHeaders() throws Exception {
    try (HostileServer t = new HostileServer(HostileTargetsTest.answering(200))) {
      TargetClass.Http2 h2 = assertInstanceOf(TargetClass.Http2.class, classify(t, "/"));
      assertEquals(200, h2.status());
      assertEquals(false, h2.honoursControl());
    }
  }

  @Test
  void illegalSettingsInThePrefaceLetTheScenariosNameIt() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      s.getOutputStream().write(FrameWriter.writeLenient(Frame.Settings.of(
          new dev.h2harness.frame.Setting(dev.h2harness.frame.SettingsParameter.MAX_FRAME_SIZE, 0))));
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    })) {
      TargetClass.Http2 h2 = assertInstanceOf(TargetClass.Http2.class, classify(t, "/"));
      assertTrue(h2.controlNote().contains("settings.max-frame-size"), h2.controlNote());
    }
  }
}
