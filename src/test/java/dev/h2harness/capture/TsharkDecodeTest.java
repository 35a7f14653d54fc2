package dev.h2harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameType;
import dev.h2harness.scenario.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's own dissector (tshark, Debian's package) reads the pcapng the harness writes and
 * lists the same HTTP/2 frames — type, stream, length, flags, in each direction's order — as the
 * harness's frame log.
 */
@Timeout(120)
class TsharkDecodeTest {
  @TempDir Path dir;

  @Test
  void aPaddedMultiFrameResponseDecodesAsLogged() throws Exception {
    RecordedRuns.Recorded r = RecordedRuns.padded();
    assertEquals(Verdict.PASS, r.result().verdict(), r.result().findings().toString());
    List<String> tshark = decode(r.recording());
    List<String> paddedData = tshark.stream().filter(l -> l.startsWith("<- DATA 1 ") && l.contains("PADDED")).toList();
    assertTrue(paddedData.size() >= 3, "three padded DATA frames, tshark says " + tshark);
    assertSameFrames(RecordedRuns.loggedFrames(r.result()), tshark);
  }

  @Test
  void aFailingScenarioDecodesAsLogged() throws Exception {
    RecordedRuns.Recorded r = RecordedRuns.failing();
    assertEquals(Verdict.FAIL, r.result().verdict());
    List<String> tshark = decode(r.recording());
    assertTrue(tshark.stream().anyMatch(l -> l.startsWith("<- DATA 1 30 END_STREAM|PADDED")), tshark.toString());
    assertSameFrames(RecordedRuns.loggedFrames(r.result()), tshark);
  }

  private static void assertSameFrames(List<String> logged, List<String> tshark) {
    for (String dir : List.of("->", "<-")) {
      List<String> a = logged.stream().filter(l -> l.startsWith(dir)).toList();
      List<String> b = tshark.stream().filter(l -> l.startsWith(dir)).toList();
      assertTrue(a.size() >= 3, "frames in the log " + logged);
      assertEquals(a, b, dir + " frames: harness log vs tshark");
    }
  }

  /** tshark's frames as {@code direction TYPE stream length FLAGS}, in packet order. */
  private List<String> decode(Recording rec) throws Exception {
    Path tshark = External.require("tshark", "Wireshark's HTTP/2 dissector reads the written pcapng");
    Path file = dir.resolve("run.pcapng");
    PcapngWriter.write(rec, file);
    Tool.Result t = Tool.run(List.of(tshark.toString(), "-n", "-r", file.toString(), "-d", "tcp.port==8080,http2",
        "-T", "fields", "-e", "tcp.srcport", "-e", "http2.type", "-e", "http2.streamid", "-e", "http2.length",
        "-e", "http2.flags", "-E", "separator=;"), 60);
    assertEquals(0, t.exit(), t.err());
    List<String> frames = new ArrayList<>();
    for (String line : t.out().split("\n")) {
      String[] f = line.split(";", -1);
      if (f.length < 5 || f[1].isEmpty()) continue;
      String dir = f[0].equals(String.valueOf(PcapngWriter.CLIENT_PORT)) ? "->" : "<-";
      String[] types = f[1].split(",");
      String[] streams = f[2].split(",");
      String[] lengths = f[3].split(",");
      String[] flags = f[4].split(",");
      for (int i = 0; i < types.length; i++) {
        int type = Integer.parseInt(types[i]);
        int fl = Integer.decode(flags[i]);
        frames.add((dir + " " + FrameType.nameOf(type) + " " + streams[i] + " " + lengths[i] + " "
            + Flags.describe(type, fl)).strip());
      }
    }
    return frames;
  }
}
