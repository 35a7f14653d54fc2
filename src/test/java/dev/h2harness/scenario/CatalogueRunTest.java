package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenarios run at once give the verdicts they give one at a time; a spent run budget says so. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatalogueRunTest {
  private static String summary(ScenarioResult r) {
    return r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings();
  }

  @Test
  void concurrentRunGivesTheSameVerdictsAndFindingsInCatalogueOrder() throws Exception {
    List<Scenario> all = Catalogue.builtIn(new ScenarioLoader("/", "localhost"));
    ScenarioRunner runner = new ScenarioRunner(ScenarioRunner.IN_MEMORY_REFERENCE, 2000, false);
    CatalogueRun one = CatalogueRun.of(runner, all, 1, 120_000);
    CatalogueRun eight = CatalogueRun.of(runner, all, 8, 120_000);
    assertEquals(one.results().stream().map(CatalogueRunTest::summary).toList(),
        eight.results().stream().map(CatalogueRunTest::summary).toList());
    assertEquals(all.stream().map(Scenario::id).toList(), eight.results().stream().map(r -> r.scenario().id()).toList());
    assertEquals("", eight.note());
  }

  @Test
  void spentRunBudgetReportsTheRestAsNotRunWithANote() throws Exception {
    byte[] settings = FrameWriter.write(Frame.Settings.of());
    try (HostileServer t = new HostileServer(MiniH2.serving(settings, (out, stream) -> {
      out.write(MiniH2.headersWithLength(stream, 200, 1000));
      for (int i = 0; i < 1000; i++) {
        out.write(FrameWriter.write(new Frame.Data(0, stream, Bytes.of((byte) 'x'), null)));
        out.flush();
        Thread.sleep(100);
      }
    }))) {
      ScenarioLoader loader = new ScenarioLoader("/", "localhost");
      List<Scenario> three = List.of(
          loader.load("a.yaml", "id: t/a\ntitle: a\ncovers: c\nsteps:\n  - request: {stream: 1}\n  - wait: 1\n"),
          loader.load("b.yaml", "id: t/b\ntitle: b\ncovers: c\nsteps:\n  - request: {stream: 1}\n  - wait: 1\n"),
          loader.load("c.yaml", "id: t/c\ntitle: c\ncovers: c\nsteps:\n  - request: {stream: 1}\n  - wait: 1\n"));
      // Idle 500 ms (never reached: an octet every 100 ms), a scenario budget of 1 s, a run budget of 1.5 s.
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), 500),
          ScenarioRunner.IN_MEMORY_REFERENCE, 500, 1000, false);
      CatalogueRun run = CatalogueRun.of(runner, three, 1, 1500);
      assertEquals(Verdict.FAIL, run.results().get(0).verdict(), summary(run.results().get(0)));
      assertTrue(run.results().get(0).findings().get(0).message().contains("scenario budget of 1000 ms"),
          summary(run.results().get(0)));
      assertEquals(Verdict.ERROR, run.results().get(1).verdict(), summary(run.results().get(1)));
      assertTrue(run.results().get(1).reason().startsWith("not completed: the whole run's budget ran out"),
          run.results().get(1).reason());
      assertEquals(Verdict.ERROR, run.results().get(2).verdict());
      assertTrue(run.results().get(2).reason().startsWith("not run: the run's budget of 1.5 s was spent"),
          run.results().get(2).reason());
      assertEquals(List.of(false, true, true), run.results().stream().map(ScenarioResult::cutByBudget).toList());
      assertEquals("stopped early: the run's budget of 1.5 s was spent; 2 scenarios not run or not completed", run.note());
    }
  }
}
