package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code check} as users run it, in its own JVM with {@code -Xmx128m}, against targets that
 * misbehave: the whole built-in catalogue ends with the documented exit code, names the root cause,
 * prints no stack trace, needs no more heap, and ends within a generous wall-time bound (the
 * README's figure, not a speed target).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CheckProcessTest {
  private static final byte[] SETTINGS = FrameWriter.write(Frame.Settings.of());

  /** One run of {@code java -Xmx128m -jar target/h2harness.jar check ARGS}. */
  record Run(int code, String out, String err, long millis) {}

  static Run check(String... args) throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = Path.of(System.getProperty("h2harness.projectRoot", "."), "target", "h2harness.jar");
    List<String> cmd = new ArrayList<>(Files.isRegularFile(jar)
        ? List.of(javaBin, "-Xmx128m", "-jar", jar.toString(), "check")
        : List.of(javaBin, "-Xmx128m", "-cp", Path.of("target", "classes") + File.pathSeparator
            + System.getProperty("java.class.path"), "dev.h2harness.cli.Main", "check"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("check-out", ".txt");
    Path err = Files.createTempFile("check-err", ".txt");
    long began = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        throw new AssertionError("check did not end within 120 s: " + cmd);
      }
      long millis = (System.nanoTime() - began) / 1_000_000;
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
          StandardCharsets.UTF_8), millis);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static void noStackTrace(Run r) {
    String all = r.out() + r.err();
    assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("OutOfMemoryError"), all);
  }

  @Test
  void targetThatNeverAnswersIsExitThreeInOneLine() throws Exception {
    try (HostileServer t = new HostileServer(s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()))) {
      Run r = check("--target", "http://127.0.0.1:" + t.port() + "/");
      System.out.println("whole catalogue against a target that never answers: " + r.millis() + " ms (timeout 2 s)");
      assertEquals(3, r.code(), r.out() + r.err());
      assertEquals("h2harness check: cannot run against http://127.0.0.1:" + t.port()
          + "/: nothing arrived within 2 s: no server preface", r.err().strip());
      assertEquals("", r.out());
      // The timeout, plus JVM start-up on a loaded machine.
      assertTrue(r.millis() < 15_000, r.millis() + " ms");
    }
  }

  /** What answers instead of an HTTP/2 server is named in one line, exit 3, within the timeout. */
  @Test
  void targetsThatAreNotHttp2ServersAreExitThreeInOneLine() throws Exception {
    record Target(String line, HostileServer.Behaviour behaviour) {}
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[3] = 0x7f;  // never SETTINGS, whatever the seed
    List<Target> targets = List.of(
        new Target("the target answered HTTP/1.x, not HTTP/2: \"HTTP/1.1 505 HTTP Version Not Supported\"", s -> {
          s.getOutputStream().write("HTTP/1.1 505 HTTP Version Not Supported\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }),
        new Target("the target answered with a TLS record on a plain connection: try https://", s -> {
          s.getOutputStream().write(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46});
          s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }),
        new Target("the first frame is UNKNOWN(0x7f) (length", s -> {
          s.getOutputStream().write(random);
          s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }));
    for (Target target : targets) {
      try (HostileServer t = new HostileServer(target.behaviour())) {
        Run r = check("--target", "http://127.0.0.1:" + t.port(), "--timeout", "1");
        assertEquals(3, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(target.line()), r.err());
        assertTrue(r.millis() < 15_000, r.millis() + " ms");
      }
    }
  }

  @Test
  void illegalSettingsInThePrefaceIsOneFindingPerScenario() throws Exception {
    byte[] settings = FrameWriter.writeLenient(Frame.Settings.of(new dev.h2harness.frame.Setting(
        dev.h2harness.frame.SettingsParameter.MAX_FRAME_SIZE, 0)));
    try (HostileServer t = new HostileServer(MiniH2.serving(settings, (out, stream) -> { }))) {
      Run r = check("--target", "http://127.0.0.1:" + t.port(), "--timeout", "1");
      noStackTrace(r);
      assertEquals(1, r.code(), r.out() + r.err());
      List<String> findings = r.out().lines().filter(l -> l.startsWith("      ")).toList();
      assertTrue(!findings.isEmpty() && findings.stream().allMatch(l -> l.contains("settings.max-frame-size (RFC 9113 §6.5.2)")
          && l.contains(" at byte 9: ")), r.out());
      assertTrue(r.millis() < 30_000, r.millis() + " ms");
    }
  }

  /** Every kind of flood, and the floods of a header block and of a length field. */
  @Test
  void floodingTargetsGetOneNamedFindingPerScenarioWithinBoundedTimeAndHeap() throws Exception {
    byte[] ping = FrameWriter.write(Frame.Ping.of(Bytes.zeros(8), false));
    byte[] wu = FrameWriter.write(Frame.WindowUpdate.of(0, 1));
    record Target(String rule, MiniH2.OnRequest behaviour) {}
    List<Target> targets = List.of(
        new Target("flood.settings", (out, stream) -> flood(out, SETTINGS)),
        new Target("flood.ping", (out, stream) -> flood(out, ping)),
        new Target("flood.window-update", (out, stream) -> flood(out, wu)),
        new Target("flood.rst-stream", (out, stream) -> flood(out, FrameWriter.write(new Frame.RstStream(0, stream + 2, 8)))),
        new Target("flood.empty-frames", (out, stream) -> {
          out.write(MiniH2.headers(stream, 200, false));
          flood(out, FrameWriter.write(new Frame.Data(0, stream, Bytes.EMPTY, null)));
        }),
        new Target("headers.list-size", (out, stream) -> {
          out.write(FrameWriter.write(new Frame.Headers(0, stream, null, MiniH2.status(200), null)));
          flood(out, FrameWriter.write(new Frame.Continuation(0, stream, Bytes.zeros(16000))));
        }),
        new Target("frame.size", (out, stream) -> {
          out.write(MiniH2.headers(stream, 200, false));
          out.write(new FrameHeader(0xffffff, FrameType.DATA.code, 0, stream).toBytes());
          Random rnd = new Random(stream);
          byte[] junk = new byte[1 << 16];
          for (int i = 0; i < 256; i++) {
            rnd.nextBytes(junk);
            out.write(junk);
          }
        }));
    for (Target target : targets) {
      try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, target.behaviour()))) {
        Run r = check("--target", "http://127.0.0.1:" + t.port(), "--timeout", "1");
        noStackTrace(r);
        assertEquals(1, r.code(), target.rule() + ": " + r.out() + r.err());
        assertTrue(r.out().contains(" " + target.rule() + " ("), target.rule() + ": " + r.out());
        // Scenarios with a request fail on the root cause alone: no consequences pile up after it.
        assertFalse(r.out().contains("expectation (") || r.out().contains("send-data.outcome ("), target.rule() + ": " + r.out());
        assertTrue(r.millis() < 30_000, target.rule() + ": " + r.millis() + " ms");
      }
    }
  }

  @Test
  void bodyOfOneOctetEveryOneAndAHalfSecondsEndsTheCatalogueWithin30s() throws Exception {
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, (out, stream) -> {
      out.write(MiniH2.headersWithLength(stream, 200, 40000));
      out.flush();
      for (int i = 0; i < 100; i++) {
        Thread.sleep(1500);
        out.write(FrameWriter.write(new Frame.Data(0, stream, Bytes.of((byte) 'x'), null)));
        out.flush();
      }
    }))) {
      Run r = check("--target", "http://127.0.0.1:" + t.port());
      System.out.println("whole catalogue against a body of one octet every 1.5 s: " + r.millis() + " ms");
      noStackTrace(r);
      assertEquals(1, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("when the scenario budget of 10000 ms ran out"), r.out());
      // 30 s is the bound at the default timeout; a little more for JVM start-up on a loaded machine.
      assertTrue(r.millis() < 35_000, r.millis() + " ms");
    }
  }

  private static void flood(OutputStream out, byte[] frame) throws IOException, InterruptedException {
    byte[] many = new byte[frame.length * 2000];
    for (int i = 0; i < 2000; i++) System.arraycopy(frame, 0, many, i * frame.length, frame.length);
    for (int i = 0; i < 50; i++) out.write(many);
    out.flush();
    Thread.sleep(10_000);
  }
}
