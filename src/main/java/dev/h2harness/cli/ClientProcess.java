package dev.h2harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the user's {@code --client-cmd}: started through {@code sh -c} with {@code {url}}
 * replaced, its stderr kept in a file (the tail goes into the report), and on a timeout the whole
 * process tree killed by PID, descendants first.
 */
final class ClientProcess implements AutoCloseable {
  /** Characters of stderr kept for the report. */
  static final int TAIL = 600;

  private final Process process;
  private final Path stderr;

  private ClientProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
  }

  static ClientProcess start(String command, String url) throws IOException {
    Path err = Files.createTempFile("h2harness-client", ".stderr");
    String line = command.replace("{url}", shellQuote(url));
    ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", line))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile());
    try {
      return new ClientProcess(pb.start(), err);
    } catch (IOException e) {
      Files.deleteIfExists(err);
      throw e;
    }
  }

  /** Waits at most {@code millis} for the client to exit; kills its tree if it does not. */
  String finish(long millis) {
    boolean exited;
    try {
      exited = process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exited = false;
    }
    if (!exited) {
      killTree();
      return "client killed after " + millis + " ms" + tailNote();
    }
    return "client exit status " + process.exitValue() + tailNote();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Kills the process and every descendant, by PID. */
  void killTree() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String tailNote() {
    String t = stderrTail();
    return t.isEmpty() ? "" : "; stderr: " + t;
  }

  /** The last {@link #TAIL} characters of the client's stderr, on one line. */
  String stderrTail() {
    try (InputStream in = Files.newInputStream(stderr)) {
      long size = Files.size(stderr);
      in.skipNBytes(Math.max(0, size - TAIL));
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.strip().replaceAll("\\s*\\n\\s*", " | ");
    } catch (IOException e) {
      return "";
    }
  }

  @Override public void close() {
    if (process.isAlive()) killTree();
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      // a temp file left behind is harmless
    }
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
