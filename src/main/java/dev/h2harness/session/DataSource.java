package dev.h2harness.session;

/**
 * A stream's body (nghttp2_data_source_read_callback). It is also the {@code source} that the
 * send-data callback receives, so a NO_COPY application writes its payload from it.
 */
@FunctionalInterface
public interface DataSource {
  /**
   * Reads up to {@code maxLength} octets into {@code buf} at {@code offset} (or, with
   * {@link DataFlags#NO_COPY}, only says how many will be written later).
   *
   * @return the length, or {@link NgError#DEFERRED}, {@link NgError#TEMPORAL_CALLBACK_FAILURE},
   *     {@link NgError#PAUSE}; anything negative or above {@code maxLength} is fatal
   */
  int read(Session session, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags);
}
