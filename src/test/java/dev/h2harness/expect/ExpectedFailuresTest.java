package dev.h2harness.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an expectations file and judging a run with it: expected failures, fixed targets, the rest. */
class ExpectedFailuresTest {
  @TempDir Path dir;

  private ExpectedFailures load(String yaml) throws Exception {
    Path f = dir.resolve("expected.yaml");
    Files.writeString(f, yaml);
    return ExpectedFailures.load(f);
  }

  private static ScenarioResult result(String id, Verdict v) {
    Scenario s = new Scenario(id, "t", "generic", "RFC 9113", false, List.of(), null, true, List.of(), null, "test");
    return new ScenarioResult(s, v, "", List.of(), List.of(), 0);
  }

  private static final String ONE = """
      - scenario: generic/data-on-stream-zero-is-goaway
        stack: apache/*
        reason: GOAWAY sent, connection kept open
        link: docs/interop.md#apache-goaway
      """;

  @Test
  void entryCoversExactScenarioAndStackGlob() throws Exception {
    ExpectedFailures e = load(ONE);
    assertEquals(1, e.entries().size());
    assertTrue(e.find("generic/data-on-stream-zero-is-goaway", "apache/h2c/small").isPresent());
    assertFalse(e.find("generic/data-on-stream-zero-is-goaway", "apache-h2padding/h2c/small").isPresent(),
        "the glob apache/* does not reach another stack id");
    assertFalse(e.find("generic/ping", "apache/h2c/small").isPresent());
    assertFalse(e.find("generic/data-on-stream-zero-is-goaway", "").isPresent(), "no --stack: only stack '*' applies");
    assertTrue(load(ONE.replace("apache/*", "'*'")).find("generic/data-on-stream-zero-is-goaway", "").isPresent());
    assertTrue(load(ONE.replace("generic/data-on-stream-zero-is-goaway", "generic/*-goaway"))
        .find("generic/data-on-stream-zero-is-goaway", "apache/tls/large").isPresent());
  }

  @Test
  void expectedFailureKeepsTheRunGreen() throws Exception {
    Judgement j = load(ONE).judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.FAIL),
        result("generic/ping", Verdict.PASS)), "apache/h2c/small");
    assertEquals(0, j.exitCode());
    assertEquals(1, j.expected().size());
    assertEquals(0, j.unexpectedFailures());
    String printed = print(j);
    assertTrue(printed.contains("1 expected failures"), printed);
    assertTrue(printed.contains("generic/data-on-stream-zero-is-goaway: GOAWAY sent, connection kept open (docs/interop.md#apache-goaway)"), printed);
  }

  @Test
  void anErrorCountsAsTheExpectedFailureToo() throws Exception {
    assertEquals(0, load(ONE).judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.ERROR)),
        "apache/tls/large").exitCode());
  }

  @Test
  void expectedFailureThatPassesFailsTheRun() throws Exception {
    Judgement j = load(ONE).judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.PASS)), "apache/h2c/small");
    assertEquals(1, j.exitCode());
    assertEquals(1, j.fixed().size());
    assertTrue(print(j).contains("the target was fixed: remove the entry"), print(j));
    assertTrue(print(j).contains("entry 1"), print(j));
  }

  @Test
  void anIntermittentEntryKeepsTheRunGreenWhetherItFailsOrPasses() throws Exception {
    ExpectedFailures e = load(ONE + "  intermittent: true\n");
    assertTrue(e.entries().get(0).intermittent());
    assertFalse(load(ONE).entries().get(0).intermittent());
    Judgement failed = e.judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.FAIL)), "apache/h2c/small");
    assertEquals(0, failed.exitCode());
    assertEquals(1, failed.expected().size());
    assertTrue(print(failed).contains("[intermittent]"), print(failed));
    Judgement passed = e.judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.PASS)), "apache/h2c/small");
    assertEquals(0, passed.exitCode());
    assertTrue(passed.fixed().isEmpty() && passed.expected().isEmpty());
    // Another failure in the same run still fails it.
    assertEquals(1, e.judge(List.of(result("generic/ping", Verdict.FAIL)), "apache/h2c/small").exitCode());
    Path f = dir.resolve("expected.yaml");
    assertEquals(f + ": entry 1: 'intermittent' must be true or false, not 'sometimes'",
        assertThrows(ExpectationsException.class, () -> load(ONE + "  intermittent: sometimes\n")).getMessage());
  }

  @Test
  void failureNoEntryCoversFailsTheRun() throws Exception {
    Judgement j = load(ONE).judge(List.of(result("generic/ping", Verdict.FAIL),
        result("generic/data-on-stream-zero-is-goaway", Verdict.FAIL)), "nginx/h2c/small");
    assertEquals(1, j.exitCode());
    assertEquals(2, j.unexpectedFailures());
  }

  @Test
  void notApplicableIsNeitherExpectedNorFixed() throws Exception {
    Judgement j = load(ONE).judge(List.of(result("generic/data-on-stream-zero-is-goaway", Verdict.NOT_APPLICABLE)),
        "apache/h2c/small");
    assertEquals(0, j.exitCode());
    assertTrue(j.expected().isEmpty() && j.fixed().isEmpty());
  }

  @Test
  void emptyFileExpectsNothing() throws Exception {
    assertTrue(load("# nothing yet\n").entries().isEmpty());
    assertTrue(load("[]\n").entries().isEmpty());
  }

  @Test
  void malformedFilesNameTheFileAndTheEntry() {
    Path f = dir.resolve("expected.yaml");
    assertEquals(f + ": entry 1: missing 'link'",
        assertThrows(ExpectationsException.class, () -> load(ONE.replace("  link: docs/interop.md#apache-goaway\n", ""))).getMessage());
    assertEquals(f + ": entry 2: unknown field 'stacks' (fields: scenario, stack, reason, link, intermittent)",
        assertThrows(ExpectationsException.class, () -> load(ONE + ONE.replace("stack:", "stacks:"))).getMessage());
    assertEquals(f + ": expected a list of entries (scenario, stack, reason, link)",
        assertThrows(ExpectationsException.class, () -> load("scenario: x\n")).getMessage());
    assertTrue(assertThrows(ExpectationsException.class, () -> load("- [unclosed\n")).getMessage()
        .startsWith(f + ": not valid YAML: "));
    assertTrue(assertThrows(ExpectationsException.class, () -> ExpectedFailures.load(dir.resolve("none.yaml")))
        .getMessage().startsWith("cannot read expectations file " + dir.resolve("none.yaml")));
  }

  private static String print(Judgement j) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    j.print(new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }
}
