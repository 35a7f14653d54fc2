package dev.h2harness.capture;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.peer.Capture;
import dev.h2harness.peer.TamperingTransport;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import java.util.List;

/**
 * Scenario runs against the in-memory reference server, kept with their recordings: a padded
 * multi-frame response that passes, and one whose target writes a non-zero padding octet.
 */
public final class RecordedRuns {
  /** A result with the recording of its connection to the target and the offending offset, if any. */
  public record Recorded(ScenarioResult result, Recording recording, long offending) {}

  private RecordedRuns() {}

  /** 30000 octets read 10000 at a time with h2h-pad: 7: three DATA frames, each padded. */
  public static Recorded padded() throws Exception {
    return run("id: padding/three-padded-frames\ntitle: Three padded DATA frames\ntopic: padding\ncovers: contract §1.4\n"
        + "control: true\nsteps:\n  - request: {stream: 1, body: 30000, chunk: 10000, pad: 7}\n  - wait: 1\n", null);
  }

  /** The third padding octet of the first DATA frame on stream 1 set to 0x07. */
  public static Recorded failing() throws Exception {
    long[] at = {-1};
    Recorded r = run("id: padding/nonzero-padding-octet\ntitle: A padding octet that is not zero\ntopic: padding\n"
        + "covers: RFC 9113 §6.1\ncontrol: true\nsteps:\n  - request: {stream: 1, body: 10, pad: 20}\n  - wait: 1\n",
        (f, off) -> {
          FrameHeader h = FrameHeader.parse(f, 0);
          if (h.type() == FrameType.DATA.code && h.streamId() == 1 && f.length > 12 && at[0] < 0) {
            f[f.length - 3] = 0x07;
            at[0] = off + f.length - 3;
          }
          return f;
        });
    return new Recorded(r.result(), r.recording(), at[0]);
  }

  private static Recorded run(String yaml, java.util.function.BiFunction<byte[], Long, byte[]> rewrite) throws Exception {
    Scenario s = new ScenarioLoader("/", "localhost").load("s.yaml", yaml);
    ScenarioRunner runner = rewrite == null ? new ScenarioRunner(ScenarioRunner.IN_MEMORY_REFERENCE, 2000, true)
        : new ScenarioRunner(() -> new TamperingTransport(rewrite), 2000, true);
    Capture[] kept = new Capture[1];
    runner.onCapture((sc, c) -> kept[0] = c);
    ScenarioResult r = runner.run(s);
    return new Recorded(r, Recording.of(s.id(), s.title(), true, kept[0]), -1);
  }

  /** The frame log's frames as {@code direction type stream length flags} lines, the preface left out. */
  public static List<String> loggedFrames(ScenarioResult r) {
    // << 000000123 #4 DATA[END_STREAM|PADDED] stream=1 len=100 data=99 padlen=1
    return r.frameLog().stream().map(l -> l.trim().split("\\s+"))
        .filter(p -> !p[2].equals("-"))
        .map(p -> {
          int open = p[3].indexOf('[');
          return (p[0].equals("<<") ? "<-" : "->") + " " + p[3].substring(0, open) + " "
              + p[4].substring("stream=".length()) + " " + p[5].substring("len=".length()) + " "
              + p[3].substring(open + 1, p[3].length() - 1);
        })
        .map(String::strip).toList();
  }
}
