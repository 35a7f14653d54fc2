package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Padding;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Findings and state do not depend on how the captured bytes were cut into pieces. */
class SplitIndependenceProperties {
  /** A capture with a finding of most rules, on several streams, and a truncated last frame. */
  private static HandMadeCapture capture() {
    HandMadeCapture c = new HandMadeCapture().handshake(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 300));
    c.request(1, "h2h-body", "500");
    c.request(3);
    c.request(5);
    c.response(1, 200, false, "content-length", "500");
    c.target(Frame.Data.padded(1, HandMadeCapture.body(0, 200), false, 20));
    c.peer(Frame.WindowUpdate.of(1, 1000));
    byte[] bad = HandMadeCapture.body(200, 300).toArray();
    bad[123] = 1;
    c.target(new Frame.Data(Flags.PADDED | Flags.END_STREAM, 1, Bytes.wrap(bad),
        new Padding(4, Bytes.of((byte) 0, (byte) 0, (byte) 0, (byte) 3))));
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 1), false));
    c.target(Frame.Data.of(3, HandMadeCapture.body(0, 10), false));
    c.response(3, 200, false);
    c.target(Frame.Data.of(3, HandMadeCapture.body(0, 301), false));
    c.peer(Frame.RstStream.of(3, ErrorCode.CANCEL));
    c.target(Frame.Data.of(3, HandMadeCapture.body(0, 10), true));
    c.target(new Frame.Headers(0, 5, null, Bytes.fromHex("88"), null));
    c.target(new Frame.Continuation(Flags.END_HEADERS, 5, Bytes.fromHex("0f0d0132")));
    c.target(Frame.Data.of(0, Bytes.of((byte) 1), false));
    c.target(Frame.Data.of(5, HandMadeCapture.body(0, 16385), false));
    byte[] last = FrameWriter.write(Frame.Data.of(5, HandMadeCapture.body(0, 100), true));
    c.targetBytes(Arrays.copyOf(last, 40), 1);
    return c.closeTarget();
  }

  private static String summary(ConnectionModel m) {
    return m.findings().stream().map(Finding::toString).collect(Collectors.joining("\n")) + "\n"
        + m.streams().stream().map(s -> s + " " + s.dataFrames()).collect(Collectors.joining("\n"))
        + "\nsuppressed " + m.suppressedFindings() + " window " + m.connectionWindow();
  }

  private static final String WHOLE = summary(capture().replay());

  @Example void theCaptureHasFindingsOfManyRules() {
    List<RuleId> rules = capture().replay().findings().stream().map(Finding::rule).distinct()
        .sorted(java.util.Comparator.comparing(RuleId::id)).toList();
    // frame.size is a connection error (RFC 9113 §4.2): the model judges nothing after it, so the
    // malformed frame that follows it in the capture is not a finding of its own.
    assertEquals(List.of(Rules.BODY_INTEGRITY, Rules.DATA_PADDING_NONZERO, Rules.DATA_STREAM_ZERO, Rules.FLOW_WINDOW,
        Rules.FRAME_SIZE, Rules.STREAM_STATE), rules, WHOLE);
  }

  @Example void oneByteAtATime() {
    assertEquals(WHOLE, summary(capture().replay(HandMadeCapture.model(), n -> 1)));
  }

  @Property(tries = 200)
  void anySplitGivesTheSameFindings(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 70) Integer> pieces) {
    int[] next = {0};
    String split = summary(capture().replay(HandMadeCapture.model(), n -> pieces.get(next[0]++ % pieces.size())));
    assertEquals(WHOLE, split);
  }
}
