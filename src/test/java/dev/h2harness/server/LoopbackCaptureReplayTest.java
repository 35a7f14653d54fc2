package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.capture.PcapReader;
import dev.h2harness.capture.Recording;
import dev.h2harness.capture.TcpReassembler;
import dev.h2harness.replay.Replayer;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture written by dumpcap (Wireshark's capture engine) on the loopback interface while nghttp
 * fetches a padded body from {@code serve}: replayed, it gets the live run's verdict (nghttp took
 * the whole body; the rules find nothing) and the same frames nghttp logged with {@code -v}, in
 * both directions. serve, dumpcap and nghttp are processes, each stopped by the test.
 */
@Timeout(180)
class LoopbackCaptureReplayTest {
  private static final Pattern NGHTTP_FRAME =
      Pattern.compile("\\] (send|recv) ([A-Z_]+) frame <length=(\\d+), flags=0x([0-9a-f]{2}), stream_id=(\\d+)>");
  private static final Pattern LOG_FRAME = Pattern.compile("^(<<|>>) \\d+ #\\d+ ([A-Z_]+)\\[([^]]*)\\] stream=(\\d+) len=(\\d+)");

  @TempDir Path dir;

  @Test
  void aDumpcapCaptureOfNghttpAgainstServeReplaysToTheLiveVerdict() throws Exception {
    Path dumpcap = External.require("dumpcap", "a loopback capture written by Wireshark's dumpcap (tshark package)");
    Path nghttp = External.require("nghttp", "nghttp as the real client in the capture");
    Path file = dir.resolve("loopback.pcapng");
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--pad", "9")) {
      Path log = dir.resolve("dumpcap.log");
      Process capture = new ProcessBuilder(dumpcap.toString(), "-q", "-i", "lo", "-f", "tcp port " + serve.port(),
          "-w", file.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("Capturing on") && System.nanoTime() < until) {
          // Without capture rights (not root, no CAP_NET_RAW) dumpcap ends at once: skip, or fail in CI.
          External.requireThat(capture.isAlive(), "dumpcap cannot capture on lo: " + Files.readString(log).strip());
          Thread.sleep(50);
        }
        Programs.Result live = Programs.run(List.of(nghttp.toString(), "-nv", "-H", "h2h-body: 50000", "-H", "h2h-chunk: 12000",
            serve.url()), Duration.ofSeconds(60));
        assertEquals(0, live.exit(), live.stderr());
        Thread.sleep(500); // dumpcap writes what the kernel handed it
        List<String> nghttpFrames = new ArrayList<>();
        Matcher m = NGHTTP_FRAME.matcher(live.out());
        while (m.find()) {
          String flags = dev.h2harness.frame.Flags.describe(dev.h2harness.frame.FrameType.valueOf(m.group(2)).code,
              Integer.parseInt(m.group(4), 16));
          nghttpFrames.add((m.group(1).equals("send") ? ">>" : "<<") + " " + m.group(2) + " " + m.group(5) + " " + m.group(3)
              + " " + flags);
        }
        assertTrue(nghttpFrames.stream().filter(f -> f.startsWith("<< DATA")).count() >= 5, live.out());
        capture.destroy();
        assertTrue(capture.waitFor(30, TimeUnit.SECONDS), "dumpcap stops on SIGTERM");

        Recording rec = TcpReassembler.reassemble(PcapReader.read(Files.readAllBytes(file)), true, "loopback");
        ScenarioResult replayed = Replayer.check(rec, Replayer.scenarioFor("loopback", file.toString()));
        assertEquals(Verdict.PASS, replayed.verdict(), replayed.findings().toString());
        List<String> replayedFrames = new ArrayList<>();
        for (String line : replayed.frameLog()) {
          Matcher l = LOG_FRAME.matcher(line);
          if (l.find()) replayedFrames.add(l.group(1) + " " + l.group(2) + " " + l.group(4) + " " + l.group(5) + " " + l.group(3));
        }
        for (String d : List.of(">>", "<<")) {
          assertEquals(nghttpFrames.stream().filter(f -> f.startsWith(d)).toList(),
              replayedFrames.stream().filter(f -> f.startsWith(d)).toList(), d + ": nghttp -v vs the replayed capture");
        }
        String body = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(body.length() > 50_000, "the capture holds the body");
      } finally {
        capture.destroyForcibly();
        capture.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }
}
