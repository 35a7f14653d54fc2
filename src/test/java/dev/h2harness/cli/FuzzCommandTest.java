package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzCommandTest {
  @TempDir Path dir;



  @Test
  void referenceServerMatchesTheReferenceSessionAloneAndAgainstItself() throws Exception {
    try (ReferenceServer a = ReferenceServer.start(ServerOptions.defaults());
         ReferenceServer b = ReferenceServer.start(ServerOptions.defaults())) {
      Path json = dir.resolve("f.json");
      CliRun alone = CliRun.of("fuzz", "--target", a.url(), "--tries", "40", "--seed", "5", "--json", json.toString());
      assertEquals("0", String.valueOf(alone.code()), alone.out() + alone.err());
      assertTrue(alone.out().contains("seed 5"), alone.out());
      JsonNode doc = new ObjectMapper().readTree(json.toFile());
      assertEquals(5, doc.get("seed").asLong());
      assertTrue(doc.get("passed").asBoolean());

      CliRun differential = CliRun.of("fuzz", "--target", a.url(), "--against", b.url(), "--tries", "40", "--seed", "5");
      assertEquals("0", String.valueOf(differential.code()), differential.out() + differential.err());
      String summary = last(alone.out()).replaceAll("\\(.*", "");
      assertEquals(summary, last(differential.out()).replaceAll("\\(.*", ""), "the same seed generates the same cases");
    }
  }

  @Test
  void shardsRunTheirShareOfTheTriesFromDisjointSeeds() throws Exception {
    try (ReferenceServer a = ReferenceServer.start(ServerOptions.defaults())) {
      long tries = 0;
      java.util.Set<Long> seeds = new java.util.HashSet<>();
      for (int i = 1; i <= 3; i++) {
        Path json = dir.resolve("s" + i + ".json");
        CliRun o = CliRun.of("fuzz", "--target", a.url(), "--tries", "10", "--seed", "100", "--shard", i + "/3",
            "--json", json.toString());
        assertEquals("0", String.valueOf(o.code()), o.out() + o.err());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        seeds.add(doc.get("seed").asLong());
        tries += doc.get("tries").asLong();
      }
      assertEquals(java.util.Set.of(100L, 101L, 102L), seeds);
      assertEquals(10, tries, "the shards' tries add up to --tries");
      assertEquals("2", String.valueOf(CliRun.of("fuzz", "--target", a.url(), "--tries", "2", "--shard", "1/3").code()));
    }
  }

  @Test
  void usageErrorsAndUnreachableTargets() throws Exception {
    assertEquals("2", String.valueOf(CliRun.of("fuzz").code()), "--target is required");
    assertEquals("2", String.valueOf(CliRun.of("fuzz", "--target", "http://127.0.0.1:1", "--tries", "0").code()));
    CliRun unreachable = CliRun.of("fuzz", "--target", "http://127.0.0.1:1", "--timeout", "0.5");
    assertEquals("3", String.valueOf(unreachable.code()));
    assertEquals(1, unreachable.err().strip().lines().count(), unreachable.err());
  }

  private static String last(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
