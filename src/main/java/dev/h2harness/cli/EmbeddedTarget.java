package dev.h2harness.cli;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The reference server that {@code check} starts on a loopback port when no {@code --target} is given. */
final class EmbeddedTarget implements AutoCloseable {
  private final ReferenceServer server;

  private EmbeddedTarget(ReferenceServer server) {
    this.server = server;
  }

  private static EmbeddedTarget start() throws IOException {
    return new EmbeddedTarget(ReferenceServer.start(ServerOptions.defaults()));
  }

  /** Starts the server on another thread; {@link #await} has it, or the IOException that stopped it. */
  static CompletableFuture<EmbeddedTarget> startAsync() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static EmbeddedTarget await(CompletableFuture<EmbeddedTarget> started) throws IOException {
    try {
      return started.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
      throw e;
    }
  }

  TargetUrl url() {
    return TargetUrl.parse(server.url());
  }

  @Override public void close() {
    server.close();
  }
}
