package dev.h2harness.shim;

import dev.h2harness.External;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The libnghttp2 shim built with make and run on a loopback port; {@link #close()} stops it. */
public final class ShimProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;

  private ShimProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Why the shim cannot be built here, or null. */
  public static String cannotBuild() {
    String missing = External.missing("cc", "make");
    if (missing != null) return missing + " (needed to build shims/nghttp2)";
    if (!Files.exists(Path.of("/usr/include/nghttp2/nghttp2.h"))) {
      return "libnghttp2's headers are not installed (Debian: libnghttp2-dev)";
    }
    return null;
  }

  /** Builds and starts the shim; skips (fails in CI) when it cannot be built. */
  static ShimProcess start() throws IOException, InterruptedException {
    Path dir = build().getParent();
    Process p = new ProcessBuilder(dir.resolve("h2h-nghttp2-shim").toString(), "--port", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!out.ready()) {
        if (!p.isAlive()) break;
        Thread.sleep(10);
        continue;
      }
      Matcher m = LISTENING.matcher(out.readLine());
      if (m.find()) return new ShimProcess(p, Integer.parseInt(m.group(1)));
    }
    p.destroyForcibly();
    throw new IllegalStateException("the shim did not print its port within 10 s");
  }

  /** Builds the shim with make; its binary. Skips (fails in CI) when it cannot be built. */
  public static synchronized Path build() throws IOException, InterruptedException {
    External.requireThat(cannotBuild() == null, String.valueOf(cannotBuild()));
    Path dir = External.projectRoot().resolve("shims/nghttp2");
    Process make = new ProcessBuilder("make", "-s", "-C", dir.toString()).redirectErrorStream(true).start();
    String makeOut = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!make.waitFor(120, TimeUnit.SECONDS) || make.exitValue() != 0) {
      make.destroyForcibly();
      throw new IllegalStateException("building the shim failed:\n" + makeOut);
    }
    return dir.resolve("h2h-nghttp2-shim");
  }

  int port() {
    return port;
  }

  @Override public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
