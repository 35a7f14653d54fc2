package dev.h2harness.peer;

import java.io.Closeable;
import java.io.IOException;

/** A byte pipe to the target. Reads wait at most until a deadline; nothing here blocks forever. */
public interface Transport extends Closeable {
  void write(byte[] data, int offset, int length) throws IOException;

  /**
   * Reads what the target sent, waiting at most {@code timeoutMillis}.
   *
   * @return the count read, 0 when the time ran out, -1 when the target closed the connection
   */
  int read(byte[] buf, int timeoutMillis) throws IOException;

  /**
   * True when a read that returns 0 means nothing will ever arrive until the peer writes again
   * (the in-memory oracle): waits then end at once instead of at the deadline.
   */
  default boolean synchronous() {
    return false;
  }

  /** A short description for reports, e.g. {@code h2c 127.0.0.1:8080}. */
  String describe();
}
