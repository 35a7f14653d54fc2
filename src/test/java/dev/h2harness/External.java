package dev.h2harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs that tests need (nghttp, curl, h2load, a shim). A missing program skips the
 * test with its reason, printed to stderr as well; with {@code -Dh2harness.requireExternal=true}
 * (CI) it fails the test instead.
 */
public final class External {
  public static final String REQUIRE_PROPERTY = "h2harness.requireExternal";

  private External() {}

  /** The program's path on {@code PATH}; skips (or fails, in CI) the calling test when absent. */
  public static Path require(String program, String why) {
    Path found = find(program);
    if (found != null) {
      return found;
    }
    String message = program + " is not installed (not on PATH): " + why;
    if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
      fail(message + " [" + REQUIRE_PROPERTY + "=true]");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** The executable {@code program} on {@code PATH}, or null. */
  public static Path find(String program) {
    if (program.contains(File.separator)) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
    }
    return null;
  }

  /** What a finished program left: exit status, stdout octets, stderr text. */
  public record Result(int exit, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code command} with no input; kills it and fails when it outlives {@code timeout}. */
  public static Result run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS),
          new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError("running " + command.get(0) + ": " + e, e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
