package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.peer.PaddingFaultProxy;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --repeat} finds flaky scenarios; {@code --shard} splits the catalogue; {@code merge} joins it again. */
class RepeatAndShardTest {
  @TempDir Path dir;

  @Test
  void twentyRunsOfTheCatalogueAgainstTheReferenceServerFindNoFlakyScenario() {
    CliRun o = CliRun.of("check", "--repeat", "20");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("repeat: 20 runs of each scenario, no flaky scenario"), o.out());
    assertFalse(o.out().contains("flaky padding"), o.out());
  }

  @Test
  void aTargetFlakyOnPurposeIsNamedWithTheFindingsOfEachOutcome() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
         PaddingFaultProxy proxy = PaddingFaultProxy.everySecond(server.port())) {
      CliRun o = CliRun.of("check", "--target", "http://127.0.0.1:" + proxy.port(), "--only", "padding/pad-2-small-body",
          "--only", "generic/", "--repeat", "4", "--jobs", "1");
      assertEquals(1, o.code(), o.out() + o.err());
      assertTrue(o.out().contains("repeat: 4 runs of each scenario, 1 flaky:"), o.out());
      assertTrue(o.out().contains("flaky padding/pad-2-small-body: 2× failed [data.padding.nonzero], 2× passed in 4 runs")
          || o.out().contains("flaky padding/pad-2-small-body: 2× passed, 2× failed [data.padding.nonzero] in 4 runs"), o.out());
      assertTrue(o.out().matches("(?s).*failed \\[data.padding.nonzero] \\(first in run \\d\\)\\s+data.padding.nonzero .*"),
          o.out());
    }
  }

  @Test
  void repeatOutOfRangeIsAUsageError() {
    CliRun o = CliRun.of("check", "--repeat", "0");
    assertEquals(2, o.code());
    assertEquals("h2harness check: --repeat must be between 1 and 1000: 0", o.err().strip());
  }

  @Test
  void badShardIsAUsageError() {
    for (String bad : new String[] {"4/3", "0/3", "1", "a/b", "1/0"}) {
      CliRun o = CliRun.of("check", "--shard", bad);
      assertEquals(2, o.code(), bad);
      assertEquals(1, o.err().strip().lines().count(), o.err());
      assertTrue(o.err().startsWith("h2harness check: --shard must be I/N"), o.err());
    }
  }

  @Test
  void threeShardsSelectExactlyTheUnshardedSetAndMergeReproducesItsSummary() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      shardsAndMerge("http://127.0.0.1:" + server.port());
    }
  }

  private void shardsAndMerge(String target) throws Exception {
    Path whole = dir.resolve("whole.json");
    assertEquals(0, CliRun.of("check", "--target", target, "--json", whole.toString()).code());
    List<String> shardReports = new ArrayList<>();
    List<String> union = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path part = dir.resolve("shard-" + i + ".json");
      CliRun o = CliRun.of("check", "--target", target, "--shard", i + "/3", "--json", part.toString());
      assertEquals(0, o.code(), o.out() + o.err());
      List<String> ids = ids(part);
      assertFalse(ids.isEmpty(), "shard " + i + " is empty");
      union.addAll(ids);
      shardReports.add(part.toString());
    }
    List<String> all = ids(whole);
    assertEquals(new HashSet<>(all), new HashSet<>(union));
    assertEquals(all.size(), union.size(), "a scenario ran in two shards");

    Path merged = dir.resolve("merged.json");
    Path junit = dir.resolve("merged.xml");
    Path html = dir.resolve("merged-html");
    List<String> args = new ArrayList<>(List.of("merge", "--json", merged.toString(), "--junit", junit.toString(),
        "--html", html.toString()));
    args.addAll(shardReports);
    CliRun m = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, m.code(), m.out() + m.err());
    assertTrue(m.out().contains(all.size() + " scenarios: " + all.size() + " passed, 0 failed, 0 not applicable, 0 errors"),
        m.out());
    String index = Files.readString(html.resolve("index.html"));
    assertTrue(index.contains(all.size() + " passed"), index);
    try (var pages = Files.walk(html.resolve("scenarios"))) {
      assertEquals(all.size(), pages.filter(f -> f.toString().endsWith(".html")).count(), "one page per merged scenario");
    }
    JsonNode a = new ObjectMapper().readTree(whole.toFile());
    JsonNode b = new ObjectMapper().readTree(merged.toFile());
    for (String field : new String[] {"passed", "failed", "notApplicable", "errors", "target", "path"}) {
      assertEquals(a.get("summary").get(field), b.get("summary").get(field), field);
    }
    assertEquals(all, ids(merged));
    for (int i = 0; i < all.size(); i++) {
      for (String field : new String[] {"id", "title", "topic", "covers", "status", "findings"}) {
        assertEquals(a.get("scenarios").get(i).get(field), b.get("scenarios").get(i).get(field), field);
      }
    }
    assertEquals(all.size(), Files.readString(junit).split("<testcase ", -1).length - 1);
  }

  @Test
  void listenShardsSelectExactlyTheUnshardedClientScenarios() throws Exception {
    dev.h2harness.External.require("curl", "the client of the listen shards");
    String curl = "curl -s -o /dev/null --max-time 5 --http2-prior-knowledge {url}";
    Path whole = dir.resolve("listen.json");
    CliRun all = CliRun.of("listen", "--only", "client/generic/", "--client-cmd", curl, "--json", whole.toString());
    assertTrue(Files.exists(whole), all.out() + all.err());
    List<String> union = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path part = dir.resolve("listen-" + i + ".json");
      CliRun o = CliRun.of("listen", "--only", "client/generic/", "--shard", i + "/3", "--client-cmd", curl,
          "--json", part.toString());
      assertTrue(Files.exists(part), o.out() + o.err());
      union.addAll(ids(part));
    }
    assertEquals(ids(whole).size(), union.size(), "a client scenario ran in two shards");
    assertEquals(new HashSet<>(ids(whole)), new HashSet<>(union));
  }

  @Test
  void mergeRefusesTheSameShardTwice() throws Exception {
    Path part = dir.resolve("p.json");
    assertEquals(0, CliRun.of("check", "--shard", "1/2", "--json", part.toString()).code());
    CliRun m = CliRun.of("merge", part.toString(), part.toString());
    assertEquals(2, m.code());
    assertTrue(m.err().strip().matches("h2harness merge: .*p\\.json: scenario \\S+ is also in .*p\\.json \\(the same shard twice\\?\\)"),
        m.err());
  }

  @Test
  void shardMembershipDependsOnTheIdAlone() {
    dev.h2harness.gate.Shard s = new dev.h2harness.gate.Shard(2, 3);
    Set<String> before = new HashSet<>(s.of(List.of("a/x", "b/y", "c/z", "d/w"), id -> id));
    Set<String> after = new HashSet<>(s.of(List.of("a/x", "aa/new", "b/y", "c/z", "d/w", "zz/new"), id -> id));
    after.removeAll(Set.of("aa/new", "zz/new"));
    assertEquals(before, after);
  }

  private static List<String> ids(Path json) throws Exception {
    List<String> ids = new ArrayList<>();
    new ObjectMapper().readTree(json.toFile()).get("scenarios").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }
}
