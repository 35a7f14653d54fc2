package dev.h2harness.server;

import dev.h2harness.session.Session;
import java.time.Duration;

/**
 * What keeps the server alive under abuse. Concurrent streams per connection are fixed at
 * {@link dev.h2harness.control.ControlledServer#MAX_CONCURRENT_STREAMS} (sent in SETTINGS).
 *
 * @param maxConnections connections beyond this are accepted and closed at once
 * @param outputBufferBytes per connection: the session writes no more while this much is unsent,
 *     and the connection is not read while its output is that full (back-pressure)
 * @param idleTimeout a connection with no octet read or written for this long is closed
 * @param maxHeaderBlockBytes a header block (HEADERS and CONTINUATION, compressed) longer than this
 *     ends the connection with GOAWAY(ENHANCE_YOUR_CALM): the session holds a block until it ends
 * @param threads selector threads; connections are spread over them
 */
public record ServerLimits(int maxConnections, int outputBufferBytes, Duration idleTimeout,
                           int maxHeaderBlockBytes, int threads) {
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  public static final int DEFAULT_OUTPUT_BUFFER_BYTES = 256 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_HEADER_BLOCK_BYTES = 256 * 1024;
  /** The largest DATA frame: header and a 16384-octet payload, padding included (contract §1.2–1.3). */
  static final int MAX_DATA_FRAME = 9 + Session.DATA_PAYLOADLEN;

  public ServerLimits {
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
    if (outputBufferBytes < 2 * MAX_DATA_FRAME) {
      throw new IllegalArgumentException("outputBufferBytes must be at least " + 2 * MAX_DATA_FRAME);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
    if (maxHeaderBlockBytes < 16384) throw new IllegalArgumentException("maxHeaderBlockBytes must be at least 16384");
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
  }

  public static ServerLimits defaults() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_OUTPUT_BUFFER_BYTES, DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_HEADER_BLOCK_BYTES, threads);
  }

  public ServerLimits withMaxConnections(int n) {
    return new ServerLimits(n, outputBufferBytes, idleTimeout, maxHeaderBlockBytes, threads);
  }

  public ServerLimits withOutputBufferBytes(int n) {
    return new ServerLimits(maxConnections, n, idleTimeout, maxHeaderBlockBytes, threads);
  }

  public ServerLimits withIdleTimeout(Duration d) {
    return new ServerLimits(maxConnections, outputBufferBytes, d, maxHeaderBlockBytes, threads);
  }

  public ServerLimits withMaxHeaderBlockBytes(int n) {
    return new ServerLimits(maxConnections, outputBufferBytes, idleTimeout, n, threads);
  }

  public ServerLimits withThreads(int n) {
    return new ServerLimits(maxConnections, outputBufferBytes, idleTimeout, maxHeaderBlockBytes, n);
  }

  /** Output above this stops the session's send loop: a whole DATA frame always fits below capacity. */
  int highWater() {
    return outputBufferBytes - MAX_DATA_FRAME;
  }
}
