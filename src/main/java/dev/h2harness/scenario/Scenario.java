package dev.h2harness.scenario;

import dev.h2harness.frame.Setting;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.control.ControlHeaders;
import java.util.List;

/**
 * One scenario: a stable id, what it covers, whether it needs the control headers (contract §4),
 * the peer's SETTINGS, its flow-control policy, the steps and the expectations. {@code source} is
 * the file it came from, for messages. {@code section} is the RFC 9113 section (from the field or
 * from an id {@code rfc9113/<section>/...}), {@code requirement} the RFC's sentence, {@code
 * outcomes} the reactions accepted on stream {@code outcomeStream} (0: connection only, -1: the
 * highest stream opened); {@code should}: the requirement is a SHOULD, so missing it is weaker than a failure;
 * {@code attack}: the steps attack the target, which may defend itself by closing the connection.
 */
public record Scenario(String id, String title, String topic, String covers, boolean control,
                       List<Setting> settings, FlowPolicy flow, boolean preface,
                       List<PeerStep> steps, Expectations expect, String source, ControlHeaders upload,
                       boolean clientRole, String section, String requirement, List<Outcome> outcomes,
                       int outcomeStream, boolean should, boolean attack) {
  public Scenario {
    settings = List.copyOf(settings);
    steps = List.copyOf(steps);
    outcomes = List.copyOf(outcomes);
  }

  /** A server-role scenario (the {@code check} command) without the RFC-keyed fields. */
  public Scenario(String id, String title, String topic, String covers, boolean control,
                  List<Setting> settings, FlowPolicy flow, boolean preface,
                  List<PeerStep> steps, Expectations expect, String source) {
    this(id, title, topic, covers, control, settings, flow, preface, steps, expect, source, null, false,
        "", "", List.of(), 0, false, false);
  }

  /** This scenario judged against {@code expect} instead of its own block. */
  public Scenario withExpect(Expectations expect) {
    return new Scenario(id, title, topic, covers, control, settings, flow, preface, steps, expect, source, upload,
        clientRole, section, requirement, outcomes, outcomeStream, should, attack);
  }

  /**
   * The path a client under test requests in this scenario (contract §5): its id,
   * and for a control scenario the upload's parameters as the query.
   */
  public String clientPath() {
    StringBuilder p = new StringBuilder("/h2h/client/").append(id);
    if (upload != null) {
      String sep = "?";
      for (dev.h2harness.hpack.HeaderField f : upload.toFields()) {
        p.append(sep).append(f.name()).append('=').append(f.value().replace(",", "%2C"));
        sep = "&";
      }
    }
    return p.toString();
  }

  /** Streams on which the scenario sent a control-header request, in order. */
  public List<Integer> controlStreams() {
    if (clientRole) return control ? List.of(1) : List.of();
    return controlRequests().keySet().stream().toList();
  }

  /** What each control-header request of the steps asks for, by stream, in step order (server role). */
  public java.util.Map<Integer, ControlHeaders> controlRequests() {
    java.util.Map<Integer, ControlHeaders> out = new java.util.LinkedHashMap<>();
    for (PeerStep step : steps) {
      if (step instanceof PeerStep.Request r && r.control().isPresent()) {
        out.putIfAbsent(r.streamId(), r.control().get());
      }
    }
    return out;
  }
}
