package dev.h2harness.cli;

import dev.h2harness.scenario.Scenario;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@code --only} pattern: an exact scenario id ({@code generic/window-1}), a topic or other
 * prefix ending in {@code /} ({@code padding/}), or a glob ({@code generic/window-*}).
 */
public final class ScenarioFilter {
  private ScenarioFilter() {}

  public static Predicate<String> of(String pattern) {
    if (pattern.endsWith("/")) return id -> id.startsWith(pattern);
    if (pattern.matches(".*[*?\\[{].*")) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      return id -> m.matches(Path.of(id));
    }
    return pattern::equals;
  }

  /** The pattern of {@code patterns} that selects none of {@code all}, or null when each selects one. */
  public static String unmatched(List<Scenario> all, List<String> patterns) {
    for (String p : patterns) {
      if (all.stream().map(Scenario::id).noneMatch(of(p))) return p;
    }
    return null;
  }

  /** The scenarios of {@code all} that any of {@code patterns} selects, in order; all without patterns. */
  public static List<Scenario> select(List<Scenario> all, List<String> patterns) {
    if (patterns.isEmpty()) return all;
    List<Predicate<String>> tests = patterns.stream().map(ScenarioFilter::of).toList();
    return all.stream().filter(s -> tests.stream().anyMatch(t -> t.test(s.id()))).toList();
  }
}
