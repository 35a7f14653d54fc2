package dev.h2harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program outside the JVM (the libnghttp2 shim and its compiler, nghttp, curl,
 * h2spec): skip with a printed reason when it is absent, and fail instead when the system property
 * {@code h2harness.requireExternal} is true, as CI sets it after installing them.
 */
public final class External {
  public static final boolean REQUIRED = Boolean.getBoolean("h2harness.requireExternal");

  private External() {}

  /** The program's path on PATH, or null. */
  public static Path find(String program) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }

  /** The program's path; skips (or fails in CI) when it is not on PATH. */
  public static Path require(String program, String why) {
    Path p = find(program);
    if (p == null) unavailable(program + " is not on PATH (" + why + ")");
    return p;
  }

  /** Skips (or fails in CI) with {@code reason} unless {@code present}. */
  public static void requireThat(boolean present, String reason) {
    if (!present) unavailable(reason);
  }

  /** Why an external program is missing, or null when everything needed is there (for jqwik hooks). */
  public static String missing(String... programs) {
    for (String p : programs) {
      if (find(p) == null) return p + " is not on PATH";
    }
    return null;
  }

  private static void unavailable(String reason) {
    if (REQUIRED) {
      Assertions.fail("required external program missing: " + reason + " (h2harness.requireExternal=true)");
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The project's root folder (Surefire passes it; the working directory otherwise). */
  public static Path projectRoot() {
    return Path.of(System.getProperty("h2harness.projectRoot", ".")).toAbsolutePath();
  }
}
