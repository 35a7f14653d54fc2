package dev.h2harness.fuzz;

import dev.h2harness.frame.SettingsParameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.TamperingTransport;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzTest {
  @Test
  void theSameSeedGeneratesTheSameCases() {
    CaseGenerator a = new CaseGenerator(42, 4);
    CaseGenerator b = new CaseGenerator(42, 4);
    for (int i = 0; i < 500; i++) assertEquals(a.next(), b.next());
  }

  @Test
  void generatedCasesStayBoundedAndKeepFatalScriptsAlone() {
    CaseGenerator g = new CaseGenerator(7, 4);
    for (int i = 0; i < 2000; i++) {
      FuzzCase c = g.next();
      assertTrue(c.streams().size() >= 1 && c.streams().size() <= 4);
      if (c.streams().stream().anyMatch(ControlHeaders::endsConnection)) assertEquals(1, c.streams().size(), c.toString());
      for (ControlHeaders s : c.streams()) {
        long unit = Math.min(16384, Math.max(1, Math.min(c.initialWindow() > 0 ? c.initialWindow() : c.streamCredit(), c.streamCredit())));
        if (s.chunk() > 0) unit = Math.min(unit, s.chunk());
        assertTrue(s.body() <= unit * CaseGenerator.MAX_FRAMES, c.toString());
      }
    }
  }

  @Test
  void everyGeneratedCaseIsAReadableScenarioWithItsRequests() throws Exception {
    CaseGenerator g = new CaseGenerator(11, 4);
    ScenarioLoader loader = new ScenarioLoader("/", "h");
    for (int i = 0; i < 300; i++) {
      FuzzCase c = g.next();
      Scenario s = loader.load("g.yaml", CaseYaml.write("fuzz/g-" + i, "t", c));
      assertTrue(s.control());
      List<PeerStep.Request> requests = s.steps().stream().filter(PeerStep.Request.class::isInstance)
          .map(PeerStep.Request.class::cast).toList();
      assertEquals(c.streams().size(), requests.size());
      for (int k = 0; k < requests.size(); k++) {
        ControlHeaders want = c.streams().get(k);
        ControlHeaders got = ControlHeaders.parse(requests.get(k).fields());
        assertEquals(want.body(), got.body());
        assertEquals(want.chunk(), got.chunk());
        assertEquals(want.pad(), got.pad());
        assertEquals(want.trailers(), got.trailers());
        assertEquals(want.sendData().stream().map(SendDataOutcome::returned).toList(),
            got.sendData().stream().map(SendDataOutcome::returned).toList());
      }
    }
  }

  @Test
  void shrinkerFindsTheSmallestFailingCase() {
    // "Fails" when some stream is padded and longer than 100 octets.
    Shrinker shrinker = new Shrinker(c -> c.streams().stream().anyMatch(s -> s.pad() >= 0 && s.body() > 100), 2000);
    FuzzCase big = new FuzzCase(100, 20000, 77, List.of(
        new ControlHeaders(5000, 30, -1, List.of(SendDataOutcome.parse("wouldblock")), true),
        new ControlHeaders(40000, 700, ControlHeaders.PAD_MAX, List.of(SendDataOutcome.parse("pause"), SendDataOutcome.OK), true)));
    FuzzCase small = shrinker.shrink(big);
    assertEquals(1, small.streams().size());
    ControlHeaders s = small.streams().get(0);
    assertEquals(101, s.body());
    assertEquals(0, s.pad(), "max shrinks to 0");
    assertEquals(0, s.chunk());
    assertTrue(s.sendData().isEmpty());
    assertFalse(s.trailers());
    assertEquals(SettingsParameter.DEFAULT_MAX_FRAME_SIZE, small.maxFrameSize());
    assertEquals(SettingsParameter.DEFAULT_WINDOW, small.initialWindow());
  }

  @Test
  void campaignCatchesALyingTargetAndShrinksToAScenarioThatReproduces() throws Exception {
    // The target zeroes nothing: it writes 0x01 into the last padding octet of every padded DATA frame.
    ScenarioRunner runner = new ScenarioRunner(() -> new TamperingTransport((f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (h.type() == FrameType.DATA.code && (h.flags() & 0x08) != 0 && (f[9] & 0xff) > 0) f[f.length - 1] = 1;
      return f;
    }), ScenarioRunner.IN_MEMORY_REFERENCE, 1000, false);
    Campaign.Outcome out = new Campaign(runner, null).run(3, 300, 3);
    assertFalse(out.passed());
    assertEquals(1, out.failing().streams().size(), out.scenarioYaml());
    assertTrue(out.findings().stream().anyMatch(f -> f.rule().id().equals("data.padding.nonzero")), out.findings().toString());
    Scenario again = new ScenarioLoader("/", "h").load("r.yaml", out.scenarioYaml());
    assertEquals(dev.h2harness.scenario.Verdict.FAIL, runner.run(again).verdict(), "the printed scenario reproduces it");
    List<String> lines = new ArrayList<>(out.scenarioYaml().lines().toList());
    assertTrue(lines.get(0).startsWith("id: regressions/seed-3-try-"), lines.get(0));
  }
}
