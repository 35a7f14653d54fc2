package dev.h2harness.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts one of the matrix's server stacks over h2c on a free loopback port, with the matrix's
 * generated config and document root, and keeps it until this JVM is stopped (SIGTERM: the server
 * is stopped by its PID and the temp folder removed). Prints {@code url http://127.0.0.1:PORT/small.txt}
 * and {@code version NAME VERSION}; parity.sh reads both. Exit 2 with one line for an unknown or
 * missing stack.
 */
public final class StackMain {
  private StackMain() {}

  public static void main(String[] args) throws Exception {
    ServerStack stack = args.length == 1 ? InteropMatrix.serverStacks().stream()
        .filter(s -> s.id().equals(args[0])).findFirst().orElse(null) : null;
    if (stack == null) {
      System.err.println("stack: unknown stack " + (args.length == 1 ? args[0] : "(none given)") + "; one of "
          + String.join(", ", InteropMatrix.serverStacks().stream().map(ServerStack::id).toList()));
      System.exit(2);
    }
    if (stack.missing() != null) {
      System.err.println("stack: " + stack.id() + ": " + stack.missing());
      System.exit(2);
    }
    Path work = Files.createTempDirectory("h2harness-stack-");
    DocRoot.openUp(work);
    RunningServer server = stack.start(Wire.H2C, DocRoot.create(work), Files.createDirectories(work.resolve("run")),
        null);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      delete(work);
    }));
    System.out.println("url " + server.url() + "/" + DocRoot.SMALL);
    System.out.println("version " + stack.name() + " " + stack.version());
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("stack: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
