package dev.h2harness.expect;

import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A checked-in list of known target bugs, read from YAML:
 *
 * <pre>
 * - scenario: generic/data-on-stream-zero-is-goaway   # id or glob
 *   stack: apache/*                                  # stack label or glob ("*": any run)
 *   reason: sends GOAWAY(PROTOCOL_ERROR) and keeps the connection open
 *   link: docs/interop.md#apache-goaway-open
 *   intermittent: true                               # optional: a race, fails in some runs only
 * </pre>
 */
public final class ExpectedFailures {
  private static final Set<String> FIELDS = Set.of("scenario", "stack", "reason", "link", "intermittent");

  private final Path file;
  private final List<ExpectedFailure> entries;

  private ExpectedFailures(Path file, List<ExpectedFailure> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  public Path file() {
    return file;
  }

  public List<ExpectedFailure> entries() {
    return entries;
  }

  /** The first entry covering the scenario against the stack, if any. */
  public Optional<ExpectedFailure> find(String scenarioId, String stackLabel) {
    return entries.stream().filter(e -> e.covers(scenarioId, stackLabel)).findFirst();
  }

  /** Judges a run's results against the stack label ("" when the run named none). */
  public Judgement judge(List<ScenarioResult> results, String stackLabel) {
    List<Judgement.Expected> expected = new ArrayList<>();
    List<Judgement.Fixed> fixed = new ArrayList<>();
    int unexpected = 0;
    for (ScenarioResult r : results) {
      Optional<ExpectedFailure> e = find(r.scenario().id(), stackLabel);
      boolean failed = r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR;
      if (e.isPresent() && failed) {
        expected.add(new Judgement.Expected(r.scenario().id(), e.get()));
      } else if (e.isPresent() && r.verdict() == Verdict.PASS && !e.get().intermittent()) {
        fixed.add(new Judgement.Fixed(r.scenario().id(), e.get()));
      } else if (failed) {
        unexpected++;
      }
    }
    return new Judgement(file, expected, fixed, unexpected);
  }

  public static ExpectedFailures load(Path file) throws ExpectationsException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ExpectationsException("cannot read expectations file " + file + ": " + e.getMessage());
    }
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ExpectationsException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (doc == null) return new ExpectedFailures(file, List.of());
    if (!(doc instanceof List<?> list)) {
      throw new ExpectationsException(file + ": expected a list of entries (scenario, stack, reason, link)");
    }
    List<ExpectedFailure> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(file, i + 1, list.get(i)));
    }
    return new ExpectedFailures(file, entries);
  }

  private static ExpectedFailure entry(Path file, int n, Object item) throws ExpectationsException {
    String where = file + ": entry " + n;
    if (!(item instanceof Map<?, ?> map)) throw new ExpectationsException(where + ": expected a mapping");
    for (Object key : map.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw new ExpectationsException(where + ": unknown field '" + key + "' (fields: scenario, stack, reason, link, intermittent)");
      }
    }
    Object intermittent = map.get("intermittent");
    if (intermittent != null && !(intermittent instanceof Boolean)) {
      throw new ExpectationsException(where + ": 'intermittent' must be true or false, not '" + intermittent + "'");
    }
    return new ExpectedFailure(text(map, "scenario", where), text(map, "stack", where), text(map, "reason", where),
        text(map, "link", where), Boolean.TRUE.equals(intermittent), n);
  }

  private static String text(Map<?, ?> map, String field, String where) throws ExpectationsException {
    Object v = map.get(field);
    if (v == null || String.valueOf(v).isBlank()) throw new ExpectationsException(where + ": missing '" + field + "'");
    return String.valueOf(v).strip();
  }
}
