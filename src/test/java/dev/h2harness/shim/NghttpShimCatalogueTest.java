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
import dev.h2harness.scenario.CatalogueRun;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.shim.ShimProcess.Shim;
import java.util.List;
import java.util.Map;
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
    try (ShimProcess shim = ShimProcess.start(kind, Map.of())) {
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, false);
      // Scenarios run on concurrent connections, as check runs them; each verdict depends on its own connection only.
      List<String> failures = CatalogueRun.of(runner, all, 4, 600_000).results().stream()
          .filter(r -> r.verdict() != Verdict.PASS && !LIBRARY_CHOICES.containsKey(r.scenario().id()))
          .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings())
          .collect(Collectors.toList());
      assertEquals(List.of(), failures, kind + " shim");
    }
  }

  /**
   * Where libnghttp2 itself departs from a scenario on purpose: not applicable to the shim, with
   * the reason. Each must still fail, so that a library that changes is noticed.
   */
  static final Map<String, String> LIBRARY_CHOICES = Map.of(
      "rfc9113/5.1.1/smaller-stream-id", "libnghttp2 ignores a HEADERS whose stream id is below the last one "
          + "instead of the PROTOCOL_ERROR of RFC 9113 §5.1.1 (a late trailer may follow its own RST_STREAM); "
          + "h2spec http2/5.1.1/2 fails nghttpd the same way");

  @ParameterizedTest
  @EnumSource(Shim.class)
  void theLibrarysOwnChoicesStillFailWithTheirNamedRule(Shim kind) throws Exception {
    try (ShimProcess shim = ShimProcess.start(kind, Map.of())) {
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, false);
      for (Scenario s : Catalogue.load(new ScenarioLoader("/", "127.0.0.1"),
          List.of(External.projectRoot().resolve("scenarios")), "scenarios/")) {
        if (!LIBRARY_CHOICES.containsKey(s.id())) continue;
        ScenarioResult r = runner.run(s);
        assertEquals(Verdict.FAIL, r.verdict(), s.id() + " now passes against the " + kind + " shim: drop it from LIBRARY_CHOICES");
        assertEquals("outcome.none", r.findings().get(0).rule().id());
        System.out.println("not applicable to the " + kind + " libnghttp2 shim: " + s.id() + ": " + LIBRARY_CHOICES.get(s.id()));
      }
    }
  }
}
