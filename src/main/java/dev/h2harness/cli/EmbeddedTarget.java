package dev.h2harness.cli;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.IOException;

/** The reference server that {@code check} starts on a loopback port when no {@code --target} is given. */
final class EmbeddedTarget implements AutoCloseable {
  private final ReferenceServer server;

  private EmbeddedTarget(ReferenceServer server) {
    this.server = server;
  }

  static EmbeddedTarget start() throws IOException {
    return new EmbeddedTarget(ReferenceServer.start(ServerOptions.defaults()));
  }

  TargetUrl url() {
    return TargetUrl.parse(server.url());
  }

  @Override public void close() {
    server.close();
  }
}
