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

  private static synchronized String[] run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void referenceServerMatchesTheReferenceSessionAloneAndAgainstItself() throws Exception {
    try (ReferenceServer a = ReferenceServer.start(ServerOptions.defaults());
         ReferenceServer b = ReferenceServer.start(ServerOptions.defaults())) {
      Path json = dir.resolve("f.json");
      String[] alone = run("fuzz", "--target", a.url(), "--tries", "40", "--seed", "5", "--json", json.toString());
      assertEquals("0", alone[0], alone[1] + alone[2]);
      assertTrue(alone[1].contains("seed 5"), alone[1]);
      JsonNode doc = new ObjectMapper().readTree(json.toFile());
      assertEquals(5, doc.get("seed").asLong());
      assertTrue(doc.get("passed").asBoolean());

      String[] differential = run("fuzz", "--target", a.url(), "--against", b.url(), "--tries", "40", "--seed", "5");
      assertEquals("0", differential[0], differential[1] + differential[2]);
      String summary = last(alone[1]).replaceAll("\\(.*", "");
      assertEquals(summary, last(differential[1]).replaceAll("\\(.*", ""), "the same seed generates the same cases");
    }
  }

  @Test
  void usageErrorsAndUnreachableTargets() throws Exception {
    assertEquals("2", run("fuzz")[0], "--target is required");
    assertEquals("2", run("fuzz", "--target", "http://127.0.0.1:1", "--tries", "0")[0]);
    String[] unreachable = run("fuzz", "--target", "http://127.0.0.1:1", "--timeout", "0.5");
    assertEquals("3", unreachable[0]);
    assertEquals(1, unreachable[2].strip().lines().count(), unreachable[2]);
  }

  private static String last(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
