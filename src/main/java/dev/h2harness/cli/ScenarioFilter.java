package dev.h2harness.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.function.Predicate;

/**
 * An {@code --only} pattern: an exact scenario id ({@code generic/window-1}), a topic or other
 * prefix ending in {@code /} ({@code padding/}), or a glob ({@code generic/window-*}).
 */
final class ScenarioFilter {
  private ScenarioFilter() {}

  static Predicate<String> of(String pattern) {
    if (pattern.endsWith("/")) return id -> id.startsWith(pattern);
    if (pattern.matches(".*[*?\\[{].*")) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      return id -> m.matches(Path.of(id));
    }
    return pattern::equals;
  }
}
