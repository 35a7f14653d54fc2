package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.peer.TcpTransport;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rfc9113/ and security/ catalogue against the reference server on loopback, run as
 * {@code check} runs it (concurrent scenarios): every scenario passes, none only as lenient.
 */
class RfcCatalogueTest {
  @Test
  void theReferenceServerPassesEveryRfc9113AndSecurityScenario() throws Exception {
    List<Scenario> scenarios = CatalogueTest.catalogue().stream()
        .filter(s -> s.id().startsWith("rfc9113/") || s.id().startsWith("security/")).toList();
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", server.port(), 2000), 2000, false);
      CatalogueRun run = CatalogueRun.of(runner, scenarios, 4, 120_000);
      List<String> notPassed = run.results().stream().filter(r -> r.verdict() != Verdict.PASS)
          .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings()).toList();
      assertEquals(List.of(), notPassed);
    }
  }
}
