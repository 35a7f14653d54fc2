package dev.h2harness.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code h2harness serve} as a separate process, as a user runs it. In {@code mvn test} there is no
 * jar yet, so it runs the main class on this JVM's class path. {@link #close} stops it (SIGTERM,
 * then SIGKILL) and waits.
 */
final class ServeProcess implements AutoCloseable {
  private static final long START_SECONDS = 60;
  private final Process process;
  private final String url;
  private final StringBuffer stderr = new StringBuffer();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ServeProcess(Process process) throws IOException, InterruptedException {
    this.process = process;
    Thread out = new Thread(() -> copy(new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)), lines, null), "serve-stdout");
    Thread err = new Thread(() -> copy(new BufferedReader(new InputStreamReader(process.getErrorStream(),
        StandardCharsets.UTF_8)), null, stderr), "serve-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
    String first = lines.poll(START_SECONDS, TimeUnit.SECONDS);
    if (first == null || !first.startsWith("h2harness serve: listening on ")) {
      close();
      throw new IOException("serve did not print its URL in " + START_SECONDS + " s; got " + first
          + "; stderr: " + stderr);
    }
    this.url = first.substring("h2harness serve: listening on ".length()).trim();
  }

  static ServeProcess start(String... args) throws IOException, InterruptedException {
    return new ServeProcess(new ProcessBuilder(command(args)).start());
  }

  /** As {@link #start}, with {@code jvmOptions} (e.g. {@code -Xmx256m}) before the main class. */
  static ServeProcess startWithJvm(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command(args));
    cmd.addAll(1, jvmOptions);
    return new ServeProcess(new ProcessBuilder(cmd).start());
  }

  /** SIGTERM; true when the process ended within {@code seconds} (then it is not killed). */
  boolean terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /**
   * {@code java -jar target/h2harness.jar serve ARGS}: the command users run. Maven builds the jar
   * before the tests (process-classes); run outside Maven without it, the same main class runs
   * from the class path.
   */
  static List<String> command(String... args) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = Path.of(System.getProperty("h2harness.projectRoot", "."), "target", "h2harness.jar");
    List<String> cmd = new ArrayList<>(java.nio.file.Files.isRegularFile(jar)
        ? List.of(javaBin, "-jar", jar.toString(), "serve")
        : List.of(javaBin, "-cp", classPath(), "dev.h2harness.cli.Main", "serve"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** target/classes first, then the dependencies this test JVM runs with. */
  static String classPath() {
    String root = System.getProperty("h2harness.projectRoot", ".");
    return Path.of(root, "target", "classes") + java.io.File.pathSeparator + System.getProperty("java.class.path");
  }

  String url() {
    return url;
  }

  int port() {
    return java.net.URI.create(url).getPort();
  }

  Process process() {
    return process;
  }

  String stderr() {
    return stderr.toString();
  }

  @Override public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(BufferedReader in, BlockingQueue<String> to, StringBuffer text) {
    try (in) {
      String line;
      while ((line = in.readLine()) != null) {
        if (to != null) to.add(line);
        if (text != null) text.append(line).append('\n');
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }
}
