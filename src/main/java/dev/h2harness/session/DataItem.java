package dev.h2harness.session;

/** A body attached to a stream (nghttp2's DATA outbound item with its aux data). */
final class DataItem {
  final int streamId;
  final DataSource source;
  /** END_STREAM goes on the EOF frame unless the source says NO_END_STREAM. */
  final boolean endStream;
  boolean eof;
  boolean noCopy;
  DataFrameInfo frame;

  DataItem(int streamId, DataSource source, boolean endStream) {
    this.streamId = streamId;
    this.source = source;
    this.endStream = endStream;
  }
}
