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
import dev.h2harness.scenario.ScenarioResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole built-in catalogue against real libnghttp2 behind the shim: the oracle agrees with the library. */
class NghttpShimCatalogueTest {
  private static ShimProcess shim;

  @BeforeAll
  static void startShim() throws Exception {
    shim = ShimProcess.start();
  }

  @AfterAll
  static void stopShim() throws Exception {
    if (shim != null) shim.close();
  }

  @Test
  void everyCatalogueScenarioPassesAgainstLibnghttp2() throws Exception {
    List<Scenario> all = Catalogue.load(new ScenarioLoader("/", "127.0.0.1"),
        List.of(External.projectRoot().resolve("scenarios")), "scenarios/");
    assertTrue(all.size() >= 40);
    ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, false);
    List<String> failures = all.stream().map(runner::run)
        .filter(r -> r.verdict() != Verdict.PASS && !LIBRARY_CHOICES.containsKey(r.scenario().id()))
        .map(r -> r.scenario().id() + " " + r.verdict() + " " + r.reason() + " " + r.findings())
        .collect(Collectors.toList());
    assertEquals(List.of(), failures);
  }

  /**
   * Where libnghttp2 itself departs from a scenario on purpose: not applicable to the shim, with
   * the reason. Each must still fail, so that a library that changes is noticed.
   */
  static final Map<String, String> LIBRARY_CHOICES = Map.of(
      "rfc9113/5.1.1/smaller-stream-id", "libnghttp2 ignores a HEADERS whose stream id is below the last one "
          + "instead of the PROTOCOL_ERROR of RFC 9113 §5.1.1 (a late trailer may follow its own RST_STREAM); "
          + "h2spec http2/5.1.1/2 fails nghttpd the same way");

  @Test
  void theLibrarysOwnChoicesStillFailWithTheirNamedRule() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, false);
    for (Scenario s : Catalogue.load(new ScenarioLoader("/", "127.0.0.1"),
        List.of(External.projectRoot().resolve("scenarios")), "scenarios/")) {
      if (!LIBRARY_CHOICES.containsKey(s.id())) continue;
      ScenarioResult r = runner.run(s);
      assertEquals(Verdict.FAIL, r.verdict(), s.id() + " now passes: drop it from LIBRARY_CHOICES");
      assertEquals("outcome.none", r.findings().get(0).rule());
      System.out.println("not applicable to the libnghttp2 shim: " + s.id() + ": " + LIBRARY_CHOICES.get(s.id()));
    }
  }
}
