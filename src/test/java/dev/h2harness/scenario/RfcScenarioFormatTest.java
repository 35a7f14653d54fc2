package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.peer.PeerStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The RFC-keyed fields of the scenario format, and the rfc9113/ catalogue's own invariants. */
class RfcScenarioFormatTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader("/", "localhost");

  @Test
  void sectionComesFromTheIdAndCoversDefaultsToIt() throws Exception {
    Scenario s = LOADER.load("a.yaml", """
        id: rfc9113/6.5.3/x
        title: t
        requirement: "the recipient MUST immediately emit a SETTINGS frame with the ACK flag set"
        steps: [ping]
        outcomes: [stream-error: PROTOCOL_ERROR, connection-error: 0x1, status: 4xx, ignored]
        """);
    assertEquals("6.5.3", s.section());
    assertEquals("RFC 9113 §6.5.3", s.covers());
    assertTrue(s.requirement().contains("MUST"));
    assertEquals(List.of(new Outcome.StreamError(ErrorCode.PROTOCOL_ERROR.code),
        new Outcome.ConnectionError(ErrorCode.PROTOCOL_ERROR.code), new Outcome.Response("4xx"), new Outcome.Ignored()),
        s.outcomes());
  }

  @Test
  void aBadOutcomeNamesFileLineAndField() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load("b.yaml", """
        id: rfc9113/6.1/x
        title: t
        steps: [ping]
        outcomes:
          - reset: PROTOCOL_ERROR
        """));
    assertTrue(e.getMessage().contains("b.yaml:5"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown outcome \"reset\""), e.getMessage());
  }

  @Test
  void repeatOpensANewStreamEachTimeAndIsBounded() throws Exception {
    Scenario s = LOADER.load("c.yaml", """
        id: security/x
        title: t
        covers: CVE-2023-44487
        steps:
          - request: {stream: 1}
          - repeat:
              count: 3
              steps: [{request: {stream: next}}, {rst-stream: {stream: current}}]
        """);
    List<Integer> streams = s.steps().stream().filter(x -> x instanceof PeerStep.RstStream)
        .map(x -> ((PeerStep.RstStream) x).streamId()).toList();
    assertEquals(List.of(3, 5, 7), streams);
    assertThrows(ScenarioException.class, () -> LOADER.load("d.yaml",
        "id: security/y\ntitle: t\ncovers: x\nsteps:\n  - repeat: {count: 200001, steps: [ping]}\n"));
  }

  @Test
  void everyRfc9113ScenarioHasItsSectionFolderAndARequirement() throws Exception {
    List<Scenario> all = CatalogueTest.catalogue();
    long n = 0;
    for (Scenario s : all) {
      if (!s.id().startsWith("rfc9113/")) continue;
      n++;
      assertTrue(s.source().contains("scenarios/" + s.id() + ".yaml"), s.id() + " lives in " + s.source());
      assertEquals(s.id().split("/")[1], s.section(), s.id());
      assertTrue(s.requirement().length() > 20, s.id());
    }
    assertTrue(n >= 160, "rfc9113 scenarios: " + n);
  }

  /** docs/h2spec-mapping.md names each of h2spec 2.6's 146 cases once, each with scenarios that exist. */
  @Test
  void theMappingCoversEveryH2specCaseWithExistingScenarios() throws Exception {
    Path root = Path.of(System.getProperty("h2harness.projectRoot", "."));
    String doc = Files.readString(root.resolve("docs/h2spec-mapping.md"));
    Set<String> ids = new HashSet<>();
    CatalogueTest.catalogue().forEach(s -> ids.add(s.id()));
    Set<String> cases = new HashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `((?:generic|http2|hpack)/[0-9./]+)` \\|([^\\n]*)$").matcher(doc);
    while (row.find()) {
      assertTrue(cases.add(row.group(1)), "listed twice: " + row.group(1));
      Matcher sid = Pattern.compile("`(rfc9113/[^`]+)`").matcher(row.group(2));
      boolean any = false;
      while (sid.find()) {
        any = true;
        assertTrue(ids.contains(sid.group(1)), row.group(1) + " names a missing scenario " + sid.group(1));
      }
      assertTrue(any, row.group(1) + " has no scenario");
    }
    assertEquals(146, cases.size());
  }
}
