package dev.h2harness.control;

/** Where a connection's outgoing bytes go, in order: frames from the send callback and NO_COPY writes alike. */
public interface OutputSink {
  /** How many octets can be taken now without blocking. */
  int room();

  void write(byte[] data, int offset, int length);
}
