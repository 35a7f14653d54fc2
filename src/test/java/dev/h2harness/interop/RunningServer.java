package dev.h2harness.interop;

/** A server a stack started for one matrix row: where it listens; {@link #close()} stops it. */
interface RunningServer extends AutoCloseable {
  /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}, no path. */
  String url();

  /** The server's own log, for a failure explanation; empty when it keeps none. */
  default String log() {
    return "";
  }

  /** How the server's process ended when it is gone (e.g. "exit 139 (signal 11)"), or null while it runs. */
  default String exited() {
    return null;
  }

  @Override void close();
}
