package dev.h2harness.replay;

import dev.h2harness.capture.Recording;
import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.scenario.ControlBodies;
import dev.h2harness.scenario.Expectations;
import dev.h2harness.scenario.SavedRunCheck;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a recorded connection with the standard rules: both directions fed in capture order, as
 * the scripted peer feeds them live. When the capture names the scenario that ran, its oracle
 * comparison and {@code expect:} block are applied as well; the peer's waits (timeouts) are not.
 */
public final class Replayer {
  private Replayer() {}

  /** The DATA payload the target sent on each stream. */
  static Map<Integer, byte[]> bodies(Recording r) {
    Map<Integer, ByteArrayOutputStream> out = new HashMap<>();
    FrameReader reader = new FrameReader(!r.targetIsServer(), FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead f && f.frame() instanceof Frame.Data d) {
        out.computeIfAbsent(d.streamId(), k -> new ByteArrayOutputStream()).writeBytes(d.data().toArray());
      }
    });
    reader.feed(r.bytes(Direction.FROM_TARGET));
    reader.finish();
    Map<Integer, byte[]> bodies = new HashMap<>();
    out.forEach((k, v) -> bodies.put(k, v.toByteArray()));
    return bodies;
  }

  /** The scenario a replayed file stands for: its name, no steps, no expectations. */
  public static Scenario scenarioFor(String name, String source) {
    return new Scenario(name, "replay of " + source, "replay", "RFC 9113", false, List.of(), FlowPolicy.manual(),
        true, List.of(), Expectations.NONE, source);
  }

  /** The rules alone. */
  public static ScenarioResult check(Recording r, Scenario s) {
    return check(r, s, false, 0);
  }

  /**
   * @param known true when {@code s} is the scenario that was run (named in the capture): then its
   *     oracle (control scenarios) and {@code expect:} block are applied too
   */
  public static ScenarioResult check(Recording r, Scenario s, boolean known, int timeoutMillis) {
    long began = System.nanoTime();
    List<String> log = new ArrayList<>();
    ConnectionModel model = new ConnectionModel(r.targetIsServer(), Rules.standard(), line -> log.add(line.toString()),
        known ? ControlBodies.of(s) : ControlBodies.fromRequests(r.targetIsServer()));
    for (Recording.Segment seg : r.segments()) {
      byte[] b = seg.bytes();
      if (seg.direction() == Direction.FROM_TARGET) model.fromTarget(b, 0, b.length);
      else model.fromPeer(b, 0, b.length);
    }
    if (r.targetClosed()) model.targetClosed();
    model.finish();
    List<Finding> findings = new ArrayList<>(model.findings());
    if (known) {
      try {
        findings.addAll(SavedRunCheck.findings(s, model, r.targetClosed(), bodies(r), timeoutMillis));
      } catch (IOException e) {
        return new ScenarioResult(s, Verdict.ERROR, "the reference session could not run the scenario: " + e.getMessage(),
            findings, log, System.nanoTime() - began);
      }
    }
    return new ScenarioResult(s, findings.isEmpty() ? Verdict.PASS : Verdict.FAIL, "", findings, log,
        System.nanoTime() - began);
  }
}
