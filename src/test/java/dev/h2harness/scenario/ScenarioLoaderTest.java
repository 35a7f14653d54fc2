package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.PeerStep;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
  private final ScenarioLoader loader = new ScenarioLoader("/index.html", "example");

  private String error(String yaml) {
    return assertThrows(ScenarioException.class, () -> loader.load("s.yaml", yaml)).getMessage();
  }

  @Test
  void readsAControlScenario() throws Exception {
    Scenario s = loader.load("s.yaml", """
        id: padding/example
        title: An example
        covers: contract §1.3
        control: true
        settings: {INITIAL_WINDOW_SIZE: 100, 0x99: 7}
        steps:
          - request: {stream: 1, body: 1000, pad: max, send-data: [wouldblock, "-1"], trailers: yes}
          - wait: 1
          - ping
        """);
    assertEquals("padding", s.topic());
    assertEquals(2, s.settings().size());
    assertEquals(SettingsParameter.INITIAL_WINDOW_SIZE, s.settings().get(0).parameter());
    assertEquals(0x99, s.settings().get(1).id());
    assertEquals(100, s.flow().streamIncrement(), "credit goes back up to the initial window");
    PeerStep.Request r = (PeerStep.Request) s.steps().get(0);
    assertTrue(r.fields().stream().anyMatch(f -> f.name().equals("h2h-send-data") && f.value().equals("wouldblock,-1")));
    assertTrue(r.fields().stream().anyMatch(f -> f.name().equals(":path") && f.value().equals("/index.html")));
    assertEquals(java.util.List.of(1), s.controlStreams());
    // The step carries what its control headers ask for, typed; the checks are told its body.
    dev.h2harness.control.ControlHeaders c = r.control().orElseThrow();
    assertEquals(1000, c.body());
    assertEquals(dev.h2harness.control.ControlHeaders.PAD_MAX, c.pad());
    assertTrue(c.trailers());
    var bodies = ControlBodies.of(s);
    assertEquals(1000, bodies.forRequest(1, r.fields()).length());
    assertEquals("h2h-body", bodies.forRequest(1, r.fields()).origin());
    assertEquals(null, bodies.forRequest(3, r.fields()), "no control request on stream 3");
  }

  @Test
  void controlHeadersWrittenAsHeadersAreTypedToo() throws Exception {
    Scenario s = loader.load("s.yaml", """
        id: t/written-out
        title: control headers under headers
        covers: contract §4
        steps:
          - request: {stream: 1, headers: {h2h-body: "10", h2h-pad: "3"}}
          - request: {stream: 3, headers: {h2h-body: "ten"}}
          - request: {stream: 5, headers: {x-other: "1"}}
        """);
    assertEquals(java.util.List.of(1), s.controlStreams(), "a malformed control header asks for nothing");
    PeerStep.Request r = (PeerStep.Request) s.steps().get(0);
    assertEquals(10, r.control().orElseThrow().body());
    assertEquals(3, r.control().orElseThrow().pad());
  }

  @Test
  void unknownFieldNamesFileLineAndField() {
    assertEquals("s.yaml:3: titel: unknown field (allowed: id, title, topic, covers, control, settings, flow, preface, steps, expect, role, upload, section, requirement, outcomes, outcome-stream, strength, attack)",
        error("id: a\ncovers: x\ntitel: y\nsteps: []\n"));
  }

  @Test
  void missingFieldIsNamed() {
    assertTrue(error("id: a\ncovers: x\nsteps: []\n").startsWith("s.yaml:1: title: missing"));
  }

  @Test
  void badValueInAStepNamesItsLine() {
    String msg = error("id: a\ntitle: t\ncovers: x\nsteps:\n  - request: {stream: 1}\n  - window-update: {stream: 1, increment: many}\n");
    assertEquals("s.yaml:6: steps.window-update.increment: expected an integer: \"many\"", msg);
  }

  @Test
  void unknownStepAndUnknownOutcomeAreNamed() {
    assertTrue(error("id: a\ntitle: t\ncovers: x\nsteps:\n  - jump: 3\n").startsWith("s.yaml:5: steps: unknown step \"jump\""));
    assertTrue(error("id: a\ntitle: t\ncovers: x\nsteps:\n  - request: {stream: 1, body: 5, send-data: [maybe]}\n")
        .startsWith("s.yaml:5: steps.request.send-data: \"maybe\" is not ok"));
  }

  @Test
  void brokenYamlIsOneLineWithItsLine() {
    String msg = error("id: a\ntitle: x: y: z\n");
    assertTrue(msg.startsWith("s.yaml:2: not valid YAML"), msg);
    assertEquals(-1, msg.indexOf('\n'));
  }

  @Test
  void controlKeysWithoutBodyAreRefused() {
    assertTrue(error("id: a\ntitle: t\ncovers: x\nsteps:\n  - request: {stream: 1, pad: 3}\n")
        .startsWith("s.yaml:5: steps.request.pad: control keys need body"));
  }
}
