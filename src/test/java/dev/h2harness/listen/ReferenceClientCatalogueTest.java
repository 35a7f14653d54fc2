package dev.h2harness.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.peer.InMemoryClientTransport;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference client, in memory, against the whole client catalogue: it is the oracle, so every scenario passes. */
class ReferenceClientCatalogueTest {
  static List<Scenario> clientCatalogue() throws Exception {
    return Catalogue.load(new ScenarioLoader("/", "h2harness"), List.of(External.projectRoot().resolve("scenarios")),
        "scenarios/", true);
  }

  @Test
  void everyClientScenarioPassesOrIsNotApplicable() throws Exception {
    List<Scenario> all = clientCatalogue();
    assertTrue(all.size() >= 40, "at least 40 client scenarios: " + all.size());
    ListenRunner runner = new ListenRunner(2000, false);
    List<String> bad = new ArrayList<>();
    int passed = 0;
    for (Scenario s : all) {
      ScenarioResult r = runner.judge(s, new InMemoryClientTransport(s.clientPath()), "");
      if (r.verdict() == Verdict.PASS) passed++;
      else if (r.verdict() != Verdict.NOT_APPLICABLE || s.control()) bad.add(s.id() + " " + r.verdict() + " " + r.reason() + " " + r.findings());
    }
    assertEquals(List.of(), bad);
    long control = all.stream().filter(Scenario::control).count();
    assertTrue(passed >= control + 10, "control scenarios and generic ones pass: " + passed);
  }
}
