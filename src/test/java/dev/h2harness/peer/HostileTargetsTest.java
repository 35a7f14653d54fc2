package dev.h2harness.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
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

  private static List<String> rules(ScenarioResult r) {
    return r.findings().stream().map(Finding::rule).toList();
  }

  private static boolean has(ScenarioResult r, String rule) {
    return r.findings().stream().map(Finding::rule).anyMatch(rule::equals);
  }

  @Test
  void silentTargetTimesOut() throws Exception {
    try (HostileServer t = new HostileServer(s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()))) {
      ScenarioResult r = plainGet(t);
      assertEquals(Verdict.FAIL, r.verdict(), r.reason());
      assertTrue(has(r, "timeout"), r.findings().toString());
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
      Finding size = r.findings().stream().filter(f -> f.rule().equals("frame.size")).findFirst().orElseThrow();
      assertEquals(SETTINGS.length, size.offset());
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
      assertEquals(List.of("headers.list-size"), rules(r));
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
    int port;
    try (HostileServer t = new HostileServer(s -> { })) {
      port = t.port();
    }
    Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml", "id: t\ntitle: t\ncovers: t\nsteps:\n  - ping\n");
    ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", port, TIMEOUT), TIMEOUT, false).run(s);
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.reason().startsWith("could not connect"), r.reason());
    assertEquals(List.of(), r.findings());
  }
}
