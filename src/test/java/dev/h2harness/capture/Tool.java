package dev.h2harness.capture;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program to its end within a bound, output to files (no pipe can fill). */
public final class Tool {
  /** Exit status, stdout and stderr of a finished program. */
  public record Result(int exit, String out, String err) {}

  private Tool() {}

  public static Result run(List<String> command, int seconds) throws Exception {
    Path out = Files.createTempFile("h2h-tool", ".out");
    Path err = Files.createTempFile("h2h-tool", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(String.join(" ", command) + " did not finish in " + seconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
