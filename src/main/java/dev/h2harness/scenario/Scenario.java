package dev.h2harness.scenario;

import dev.h2harness.frame.Setting;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.PeerStep;
import java.util.List;

/**
 * One scenario: a stable id, what it covers, whether it needs the control headers (contract §4),
 * the peer's SETTINGS, its flow-control policy, the steps and the expectations. {@code source} is
 * the file it came from, for messages.
 */
public record Scenario(String id, String title, String topic, String covers, boolean control,
                       List<Setting> settings, FlowPolicy flow, boolean preface,
                       List<PeerStep> steps, Expectations expect, String source) {
  public Scenario {
    settings = List.copyOf(settings);
    steps = List.copyOf(steps);
  }

  /** Streams on which the scenario sent a control-header request, in order. */
  public List<Integer> controlStreams() {
    return steps.stream().filter(s -> s instanceof PeerStep.Request r
            && r.fields().stream().anyMatch(f -> f.name().startsWith("h2h-")))
        .map(s -> ((PeerStep.Request) s).streamId()).toList();
  }
}
