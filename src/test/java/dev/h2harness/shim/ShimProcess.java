package dev.h2harness.shim;

import dev.h2harness.External;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A shim (C or Rust, both over libnghttp2) built once per test run and run on a loopback port; {@link #close()} stops it. */
public final class ShimProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Set<Shim> BUILT = EnumSet.noneOf(Shim.class);

  /** The shims this project ships: where they live, what builds them, where the binary lands. */
  public enum Shim {
    C("shims/nghttp2", "h2h-nghttp2-shim") {
      @Override String cannotBuild() {
        String missing = External.missing("cc", "make");
        if (missing != null) return missing + " (needed to build shims/nghttp2)";
        if (!Files.exists(Path.of("/usr/include/nghttp2/nghttp2.h"))) {
          return "libnghttp2's headers are not installed (Debian: libnghttp2-dev)";
        }
        return null;
      }

      @Override List<String> buildCommand() {
        return List.of("make", "-s", "-C", dir().toString());
      }
    },
    RUST("shims/rust-libnghttp2-sys", "target/release/h2h-rust-shim") {
      @Override String cannotBuild() {
        if (!Files.isExecutable(CARGO) || !Files.isExecutable(RUSTC)) {
          return "Debian's cargo and rustc are not installed (needed to build shims/rust-libnghttp2-sys; Debian: cargo rustc)";
        }
        try (var crates = Files.list(Path.of("/usr/share/cargo/registry"))) {
          if (crates.noneMatch(p -> p.getFileName().toString().startsWith("libnghttp2-sys-"))) {
            return "the libnghttp2-sys crate is not installed (Debian: librust-libnghttp2-sys-dev)";
          }
        } catch (IOException e) {
          return "no Debian crate registry at /usr/share/cargo/registry (Debian: librust-libnghttp2-sys-dev)";
        }
        return null;
      }

      /** Debian's cargo by full path (a rustup cargo on PATH would rewrite Cargo.lock as version 4). */
      @Override List<String> buildCommand() {
        return List.of(CARGO.toString(), "build", "--release", "--quiet");
      }
    };

    private static final Path CARGO = Path.of("/usr/bin/cargo");
    private static final Path RUSTC = Path.of("/usr/bin/rustc");
    private final String folder;
    private final String binary;

    Shim(String folder, String binary) {
      this.folder = folder;
      this.binary = binary;
    }

    /** Why this shim cannot be built here, or null. */
    abstract String cannotBuild();

    abstract List<String> buildCommand();

    Path dir() {
      return External.projectRoot().resolve(folder);
    }

    Path binary() {
      return dir().resolve(binary);
    }

    /** The client role's command line (the same for every shim): one cooperating client run against {@code url}. */
    public List<String> clientCommand(String url) {
      return List.of(binary().toString(), "client", url);
    }
  }

  private final Process process;
  private final int port;

  private ShimProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Why the C shim cannot be built here, or null. */
  public static String cannotBuild() {
    return Shim.C.cannotBuild();
  }

  /** Builds and starts the C shim; skips (fails in CI) when it cannot be built. */
  static ShimProcess start() throws IOException, InterruptedException {
    return start(Shim.C, Map.of());
  }

  /** Builds {@code shim} (once per test run), skipping or failing as {@link External} says when it cannot be. */
  public static Path build(Shim shim) throws IOException, InterruptedException {
    String why = shim.cannotBuild();
    External.requireThat(why == null, String.valueOf(why));
    synchronized (BUILT) {
      if (!BUILT.contains(shim)) {
        // The build runs in the shim's folder, so cargo reads its .cargo/config.toml (Debian's crates, offline).
        ProcessBuilder pb = new ProcessBuilder(shim.buildCommand()).directory(shim.dir().toFile()).redirectErrorStream(true);
        pb.environment().put("RUSTC", "/usr/bin/rustc");
        Process b = pb.start();
        String out = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!b.waitFor(300, TimeUnit.SECONDS) || b.exitValue() != 0) {
          b.destroyForcibly();
          throw new IllegalStateException("building " + shim.dir() + " failed:\n" + out);
        }
        BUILT.add(shim);
      }
    }
    return shim.binary();
  }

  /** Builds and starts {@code shim} with extra environment variables (e.g. a planted fault). */
  static ShimProcess start(Shim shim, Map<String, String> env) throws IOException, InterruptedException {
    Path bin = build(shim);
    ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
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
    throw new IllegalStateException("the " + shim + " shim did not print its port within 10 s");
  }

  /** Builds the C shim (once per test run); its binary. Skips (fails in CI) when it cannot be built. */
  public static Path build() throws IOException, InterruptedException {
    return build(Shim.C);
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
