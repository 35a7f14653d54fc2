package dev.h2harness.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server program run in the foreground (no daemon), its output in a log file in its work folder,
 * stopped by its PID: SIGTERM, then SIGKILL after 5 s.
 */
final class ExternalServer implements RunningServer {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final String url;
  private final Path log;

  private ExternalServer(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** A free loopback port (closed again: the server binds it right after). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** Starts {@code command} and waits until 127.0.0.1:{@code port} accepts connections. */
  static ExternalServer onPort(List<String> command, Map<String, String> env, Path work, Wire wire, int port)
      throws IOException, InterruptedException {
    Process p = launch(command, env, work);
    Path log = work.resolve("server.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) break;
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return new ExternalServer(p, wire.scheme + "://127.0.0.1:" + port, log);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw failed(p, command, log);
  }

  /** Starts {@code command}, which prints "listening on 127.0.0.1:PORT" once it listens. */
  static ExternalServer printingPort(List<String> command, Map<String, String> env, Path work, Wire wire)
      throws IOException, InterruptedException {
    Process p = launch(command, env, work);
    Path log = work.resolve("server.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
      if (m.find()) return new ExternalServer(p, wire.scheme + "://127.0.0.1:" + m.group(1), log);
      Thread.sleep(50);
    }
    throw failed(p, command, log);
  }

  private static Process launch(List<String> command, Map<String, String> env, Path work) throws IOException {
    Path log = work.resolve("server.log");
    ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    b.environment().putAll(env);
    return b.start();
  }

  private static IOException failed(Process p, List<String> command, Path log) throws IOException {
    boolean exited = !p.isAlive();
    stop(p);
    String out = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    return new IOException(command.get(0) + (exited ? " exited (exit " + p.exitValue() + ") before listening: "
        : " did not start listening within 20 s: ") + out.strip());
  }

  @Override public String url() {
    return url;
  }

  @Override public String log() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  @Override public String exited() {
    if (process.isAlive()) return null;
    int code = process.exitValue();
    return "exit " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
  }

  long pid() {
    return process.pid();
  }

  @Override public void close() {
    stop(process);
  }

  private static void stop(Process p) {
    // Children first (a server that forked workers), then the process we started, by PID.
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
