package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.peer.InMemoryTransport;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole built-in catalogue against the reference session in memory: the harness's self-test. */
class CatalogueTest {
  static List<Scenario> catalogue() throws Exception {
    Path root = Path.of(System.getProperty("h2harness.projectRoot", ".")).resolve("scenarios");
    return Catalogue.load(new ScenarioLoader("/", "localhost"), List.of(root), "scenarios/");
  }

  @Test
  void catalogueHasAtLeastFortyScenariosWithUniqueIdsAndBothKinds() throws Exception {
    List<Scenario> all = catalogue();
    assertTrue(all.size() >= 40, "scenarios: " + all.size());
    Set<String> ids = new HashSet<>();
    all.forEach(s -> assertTrue(ids.add(s.id()), "duplicate " + s.id()));
    assertTrue(all.stream().anyMatch(Scenario::control));
    assertTrue(all.stream().anyMatch(s -> !s.control()));
  }

  @Test
  void everyScenarioPassesAgainstTheInMemoryReferenceSession() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(() -> new InMemoryTransport(-1), 2000, false);
    List<String> failures = catalogue().stream().map(runner::run)
        .filter(r -> r.verdict() != Verdict.PASS)
        .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings())
        .collect(Collectors.toList());
    assertEquals(List.of(), failures);
  }
}
