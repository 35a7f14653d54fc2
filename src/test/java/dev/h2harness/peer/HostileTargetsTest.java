package dev.h2harness.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Targets that misbehave get a verdict within the timeout plus a second: never a hang, never an
 * exception out of the runner. Each asserts the verdict, the rule that names the problem, and
 * that the run ended in time (a bound on waiting, not a speed target).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileTargetsTest {
  private static final int TIMEOUT = 500;

  private static final byte[] SETTINGS = FrameWriter.write(Frame.Settings.of());

  private static ScenarioResult plainGet(HostileServer target) throws Exception {
    Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml",
        "id: t\ntitle: t\ncovers: t\nsteps:\n  - request: {stream: 1}\n  - wait: 1\n");
    ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", target.port(), TIMEOUT), TIMEOUT, true);
    long began = System.nanoTime();
    ScenarioResult r = runner.run(s);
    long millis = (System.nanoTime() - began) / 1_000_000;
    // Idleness ends a silent wait after TIMEOUT; a target that keeps dribbling meets the budget.
    assertTrue(millis < ScriptedPeer.budgetFor(TIMEOUT) + 1000, "verdict after " + millis + " ms");
    return r;
  }

  /** A bare HTTP/2 server that answers every request with {@code status} and no body. */
  static HostileServer.Behaviour answering(int status) {
    return MiniH2.serving(SETTINGS, (out, stream) -> out.write(MiniH2.headers(stream, status, true)));
  }

  /** Octets the target sent before its answer: its SETTINGS and the ACK of the peer's. */
  private static final int BEFORE_ANSWER = 2 * SETTINGS.length;

  /** One root finding under {@code rule} at {@code offset}; no stack trace in any text. */
  private static Finding oneRoot(ScenarioResult r, String rule, long offset) {
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    assertEquals(List.of(rule), rules(r), r.findings().toString());
    Finding f = r.findings().get(0);
    if (offset >= 0) assertEquals(offset, f.offset(), f.toString());
    assertTrue(!f.toString().contains("Exception") && !f.toString().contains("\tat "), f.toString());
    return f;
  }

  /** The peer answered the violation with GOAWAY(code) (the frame log shows what it sent). */
  private static void peerSentGoAway(ScenarioResult r, String code) {
    assertTrue(r.frameLog().stream().anyMatch(l -> l.startsWith(">>") && l.contains("GOAWAY") && l.contains(code)),
        String.join("\n", r.frameLog()));
  }

  private static HostileServer.Behaviour flooding(byte[] frame) {
    return MiniH2.serving(SETTINGS, (out, stream) -> flood(out, frame));
  }

  /** Writes {@code frame} 100,000 times in large writes: a flood, not a dribble. */
  private static void flood(OutputStream out, byte[] frame) throws java.io.IOException, InterruptedException {
    byte[] many = new byte[frame.length * 2000];
    for (int i = 0; i < 2000; i++) System.arraycopy(frame, 0, many, i * frame.length, frame.length);
    for (int i = 0; i < 50; i++) out.write(many);
    out.flush();
    Thread.sleep(10_000);
  }

  @Test
  void illegalMaxFrameSizeInThePrefaceIsOneConnectionError() throws Exception {
    byte[] settings = FrameWriter.writeLenient(Frame.Settings.of(new Setting(SettingsParameter.MAX_FRAME_SIZE, 0)));
    try (HostileServer t = new HostileServer(MiniH2.serving(settings, (out, stream) -> { }))) {
      ScenarioResult r = plainGet(t);
      // The offending octets are the first setting's, right after the frame header.
      oneRoot(r, "settings.max-frame-size", 9);
      peerSentGoAway(r, "PROTOCOL_ERROR");
    }
  }

  @Test
  void windowUpdatePastTwoToTheThirtyOneIsOneConnectionError() throws Exception {
    byte[] wu = FrameWriter.write(Frame.WindowUpdate.of(0, Integer.MAX_VALUE));
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, (out, stream) -> {
      out.write(wu);
      out.write(MiniH2.headers(stream, 200, true));
    }))) {
      ScenarioResult r = plainGet(t);
      // The increment's octets, after the frame header.
      oneRoot(r, "flow.window-overflow", BEFORE_ANSWER + 9);
      peerSentGoAway(r, "FLOW_CONTROL_ERROR");
    }
  }

  @Test
  void settingsFloodIsOneNamedFinding() throws Exception {
    try (HostileServer t = new HostileServer(flooding(SETTINGS))) {
      ScenarioResult r = plainGet(t);
      // The preface SETTINGS is the first; the 1001st is flood frame 1000.
      oneRoot(r, "flood.settings", BEFORE_ANSWER + 999L * SETTINGS.length);
      peerSentGoAway(r, "ENHANCE_YOUR_CALM");
    }
  }

  @Test
  void pingFloodIsOneNamedFinding() throws Exception {
    byte[] ping = FrameWriter.write(Frame.Ping.of(Bytes.zeros(8), false));
    try (HostileServer t = new HostileServer(flooding(ping))) {
      ScenarioResult r = plainGet(t);
      oneRoot(r, "flood.ping", BEFORE_ANSWER + 1000L * ping.length);
      peerSentGoAway(r, "ENHANCE_YOUR_CALM");
    }
  }

  @Test
  void windowUpdateFloodIsOneNamedFinding() throws Exception {
    byte[] wu = FrameWriter.write(Frame.WindowUpdate.of(0, 1));
    try (HostileServer t = new HostileServer(flooding(wu))) {
      oneRoot(plainGet(t), "flood.window-update", BEFORE_ANSWER + 1000L * wu.length);
    }
  }

  @Test
  void rstStreamFloodIsOneNamedFinding() throws Exception {
    // RST_STREAM on stream 1 again and again while the scenario waits for stream 3.
    byte[] rst = FrameWriter.write(new Frame.RstStream(0, 1, 8));
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, (out, stream) -> {
      if (stream == 3) flood(out, rst);
    }))) {
      Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml",
          "id: t\ntitle: t\ncovers: t\nsteps:\n  - request: {stream: 1}\n  - request: {stream: 3}\n  - wait: 3\n");
      ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, true).run(s);
      // The first RST_STREAM on stream 1 answers the peer's stream; the 1,001 after it are the flood.
      oneRoot(r, "flood.rst-stream", BEFORE_ANSWER + 1001L * rst.length);
    }
  }

  @Test
  void emptyDataFloodIsOneNamedFinding() throws Exception {
    byte[] head = MiniH2.headers(1, 200, false);
    byte[] empty = FrameWriter.write(new Frame.Data(0, 1, Bytes.EMPTY, null));
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, (out, stream) -> {
      out.write(head);
      flood(out, empty);
    }))) {
      oneRoot(plainGet(t), "flood.empty-frames", BEFORE_ANSWER + head.length + 100L * empty.length);
    }
  }

  @Test
  void bodyThatDribblesMeetsTheScenarioBudgetAndSaysWhatArrived() throws Exception {
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, (out, stream) -> {
      out.write(MiniH2.headersWithLength(stream, 200, 40000));
      for (int i = 0; i < 1000; i++) {
        out.write(FrameWriter.write(new Frame.Data(0, stream, Bytes.of((byte) 'x'), null)));
        out.flush();
        Thread.sleep(TIMEOUT / 3);
      }
    }))) {
      Finding f = oneRoot(plainGet(t), "timeout", -1);
      assertTrue(f.message().matches(".*stream 1: :status 200, \\d+ of 40000 body octets when the scenario budget of "
          + ScriptedPeer.budgetFor(TIMEOUT) + " ms ran out.*"), f.message());
    }
  }

  @Test
  void silenceAfterTheHeadersIsOneTimeoutThatSaysWhatArrived() throws Exception {
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS,
        (out, stream) -> out.write(MiniH2.headersWithLength(stream, 200, 40000))))) {
      Finding f = oneRoot(plainGet(t), "timeout", -1);
      assertTrue(f.message().contains("stream 1: :status 200, 0 of 40000 body octets after " + TIMEOUT + " ms idle"),
          f.message());
    }
  }

  @Test
  void goAwayThatLeavesTheConnectionOpenIsNamedExactly() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      s.getOutputStream().write(SETTINGS);
      s.getInputStream().readNBytes(24 + 9 + 6 + 9 + 2);
      s.getOutputStream().write(FrameWriter.write(Frame.GoAway.of(0, ErrorCode.PROTOCOL_ERROR, "")));
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    })) {
      Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml", "id: t\ntitle: t\ncovers: RFC 9113 §6.1\n"
          + "steps:\n  - frame: {type: DATA, stream: 0, payload: \"00 01\"}\n  - expect-close\nexpect:\n  goaway: PROTOCOL_ERROR\n");
      ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, true).run(s);
      Finding f = oneRoot(r, "connection.close-after-goaway", SETTINGS.length);
      assertEquals("expected the connection closed within " + TIMEOUT + " ms after GOAWAY(PROTOCOL_ERROR), actual open "
          + "(RFC 9113 §5.4.1)", f.message());
    }
  }

  private static List<String> rules(ScenarioResult r) {
    return r.findings().stream().map(f -> f.rule().id()).toList();
  }

  private static boolean has(ScenarioResult r, String rule) {
    return r.findings().stream().map(f -> f.rule().id()).anyMatch(rule::equals);
  }

  @Test
  void silentTargetTimesOut() throws Exception {
    try (HostileServer t = new HostileServer(s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()))) {
      ScenarioResult r = plainGet(t);
      Finding f = oneRoot(r, "timeout", 0);
      assertTrue(f.message().contains("nothing arrived during the wait"), f.message());
    }
  }

  @Test
  void dribblingTargetStillGetsAVerdictInTime() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      OutputStream out = s.getOutputStream();
      for (byte b : SETTINGS) {
        out.write(b);
        out.flush();
        Thread.sleep(200);
      }
      Thread.sleep(10_000);
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      assertTrue(has(r, "timeout"));
    }
  }

  @Test
  void sixteenMegabyteLengthFieldIsAFrameSizeFindingNotAnAllocation() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      OutputStream out = s.getOutputStream();
      out.write(SETTINGS);
      out.write(new FrameHeader(0xffffff, FrameType.DATA.code, 0, 1).toBytes());
      out.flush();
      Thread.sleep(10_000);
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      oneRoot(r, "frame.size", SETTINGS.length);
      peerSentGoAway(r, "FRAME_SIZE_ERROR");
    }
  }

  @Test
  void endlessContinuationGetsAVerdictInTime() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      OutputStream out = s.getOutputStream();
      out.write(SETTINGS);
      out.write(FrameWriter.write(new Frame.Headers(0, 1, null, Bytes.of((byte) 0x88), null)));
      byte[] cont = FrameWriter.write(new Frame.Continuation(0, 1, Bytes.zeros(1000)));
      while (true) {
        out.write(cont);
      }
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      // HEADERS with one octet, then CONTINUATIONs of 1000: the 66th passes 65,536 octets.
      oneRoot(r, "headers.list-size", SETTINGS.length + 10 + 65L * 1009);
      peerSentGoAway(r, "ENHANCE_YOUR_CALM");
    }
  }

  @Test
  void garbageInsteadOfFramesIsMalformed() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
      s.getOutputStream().flush();
      s.shutdownOutput();
      Thread.sleep(10_000);
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      assertTrue(has(r, "frame.size") || has(r, "frame.malformed"), r.findings().toString());
    }
  }

  @Test
  void closeMidFrameIsATruncatedFrameAndAnUnexpectedClose() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      s.getInputStream().readNBytes(24);
      OutputStream out = s.getOutputStream();
      out.write(SETTINGS);
      out.write(FrameWriter.write(Frame.Headers.of(1, Bytes.of((byte) 0x88), false)), 0, 5);
      out.flush();
      s.shutdownOutput();
      // Read until the peer goes away: closing with unread input would turn the FIN into a reset.
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      // The cut frame is part of the close: one root finding that names both.
      assertEquals(List.of("connection.unexpected-close"), rules(r));
      assertTrue(r.findings().get(0).message().contains("ended inside") && r.findings().get(0).message()
          .contains("at byte " + SETTINGS.length), r.findings().toString());
    }
  }

  @Test
  void hardResetAfterThePrefaceIsAnUnexpectedClose() throws Exception {
    try (HostileServer t = new HostileServer(s -> {
      s.getInputStream().readNBytes(24);
      s.getOutputStream().write(SETTINGS, 0, 4);
      s.setSoLinger(true, 0);
      s.close();
    })) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      assertTrue(has(r, "connection.unexpected-close"), r.findings().toString());
    }
  }

  @Test
  void unreachableTargetIsAnErrorVerdict() throws Exception {
    // A port bound by a socket that never listens: a connection to it is refused, and no other
    // process can take the port meanwhile (a closed server's port could be reused at once).
    try (java.net.Socket reserved = new java.net.Socket()) {
      reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      int port = reserved.getLocalPort();
      Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml", "id: t\ntitle: t\ncovers: t\nsteps:\n  - ping\n");
      ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", port, TIMEOUT), TIMEOUT, false).run(s);
      assertEquals(Verdict.ERROR, r.verdict());
      assertTrue(r.reason().startsWith("could not connect"), r.reason());
      assertEquals(List.of(), r.findings());
    }
  }
}
