package dev.h2harness.cli;

import java.io.IOException;

/**
 * The reference server that {@code check} starts when no {@code --target} is given. Until the
 * socket server exists it is the in-memory reference session.
 */
final class EmbeddedTarget implements AutoCloseable {
  static EmbeddedTarget start() throws IOException {
    return new EmbeddedTarget();
  }

  boolean inMemory() {
    return true;
  }

  TargetUrl url() {
    return new TargetUrl(false, "in-memory", 0);
  }

  @Override public void close() {}
}
