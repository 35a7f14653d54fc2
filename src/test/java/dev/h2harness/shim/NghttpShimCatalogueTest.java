package dev.h2harness.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import dev.h2harness.shim.ShimProcess.Shim;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole built-in catalogue against real libnghttp2 behind each shim (C, and Rust over
 * libnghttp2-sys): the oracle agrees with the library as two independent applications use it.
 */
class NghttpShimCatalogueTest {
  @ParameterizedTest
  @EnumSource(Shim.class)
  void everyCatalogueScenarioPassesAgainstLibnghttp2(Shim kind) throws Exception {
    List<Scenario> all = Catalogue.load(new ScenarioLoader("/", "127.0.0.1"),
        List.of(External.projectRoot().resolve("scenarios")), "scenarios/");
    assertTrue(all.size() >= 40);
    try (ShimProcess shim = ShimProcess.start(kind, java.util.Map.of())) {
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, false);
      List<String> failures = all.stream().map(runner::run).filter(r -> r.verdict() != Verdict.PASS)
          .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings())
          .collect(Collectors.toList());
      assertEquals(List.of(), failures, kind + " shim");
    }
  }
}
