package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.peer.InMemoryTransport;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.peer.TlsTransport;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
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

  private static List<String> failures(ScenarioRunner runner) throws Exception {
    return catalogue().stream().map(runner::run)
        .filter(r -> r.verdict() != Verdict.PASS)
        .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings())
        .collect(Collectors.toList());
  }

  /**
   * Judges the checks and the scenarios' {@code expect:} blocks on the reference. For control
   * scenarios the oracle is the reference itself here, so the oracle comparison cannot differ:
   * {@link ReferenceGoldenTest} (a reviewed summary of every control scenario) and
   * {@link CatalogueLayoutTest} (the contract's arithmetic) hold the oracle to expectations of
   * their own.
   */
  @Test
  void everyScenarioPassesAgainstTheInMemoryReferenceSession() throws Exception {
    assertEquals(List.of(), failures(new ScenarioRunner(() -> new InMemoryTransport(-1), 2000, false)));
  }

  @Test
  void everyScenarioPassesAgainstTheReferenceServerOnLoopback() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      assertEquals(List.of(), failures(new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", server.port(), 2000), 2000, false)));
    }
  }

  @Test
  void everyScenarioPassesAgainstTheReferenceServerOverTls() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withTls())) {
      assertEquals(List.of(), failures(new ScenarioRunner(
          () -> TlsTransport.connect("127.0.0.1", server.port(), 2000, true), 2000, false)));
    }
  }
}
