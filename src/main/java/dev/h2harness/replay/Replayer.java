package dev.h2harness.replay;

import dev.h2harness.capture.Recording;
import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.scenario.Expectations;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a recorded connection with the standard rules: both directions fed in capture order, as
 * the scripted peer feeds them live. What a live run adds beyond the rules (waits that time out,
 * a scenario's {@code expect:} block, the oracle) has nothing to act on in a capture and is not run.
 */
public final class Replayer {
  private Replayer() {}

  /** The scenario a replayed file stands for: its name, no steps, no expectations. */
  public static Scenario scenarioFor(String name, String source) {
    return new Scenario(name, "replay of " + source, "replay", "RFC 9113", false, List.of(), FlowPolicy.manual(),
        true, List.of(), Expectations.NONE, source);
  }

  public static ScenarioResult check(Recording r, Scenario s) {
    long began = System.nanoTime();
    List<String> log = new ArrayList<>();
    ConnectionModel model = new ConnectionModel(r.targetIsServer(), Rules.standard(), line -> log.add(line.toString()));
    for (Recording.Segment seg : r.segments()) {
      byte[] b = seg.bytes();
      if (seg.direction() == Direction.FROM_TARGET) model.fromTarget(b, 0, b.length);
      else model.fromPeer(b, 0, b.length);
    }
    if (r.targetClosed()) model.targetClosed();
    model.finish();
    List<Finding> findings = model.findings();
    return new ScenarioResult(s, findings.isEmpty() ? Verdict.PASS : Verdict.FAIL, "", findings, log,
        System.nanoTime() - began);
  }
}
