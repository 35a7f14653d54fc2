package dev.h2harness.server;

import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.session.Session;
import java.time.Duration;

/**
 * What keeps the server alive under abuse. Concurrent streams per connection are fixed at
 * {@link dev.h2harness.control.ControlledServer#MAX_CONCURRENT_STREAMS} (sent in SETTINGS).
 * docs/server.md has the table of these limits, their defaults, and the attacks each one answers.
 *
 * @param maxConnections connections beyond this are accepted and closed at once
 * @param maxConnectionsPerIp connections from one client address beyond this are accepted and
 *     closed at once, so one address cannot take every slot
 * @param outputBufferBytes per connection: the session writes no more while this much is unsent,
 *     and the connection is not read while its output is that full (back-pressure)
 * @param idleTimeout a connection on which no stream was opened and no DATA payload moved for this
 *     long gets GOAWAY(NO_ERROR) and is closed; other frames do not re-arm it
 * @param settingsTimeout a connection whose client has not sent its preface and acknowledged our
 *     SETTINGS within this long gets GOAWAY(SETTINGS_TIMEOUT) (RFC 9113 §6.5.3) and is closed
 * @param maxHeaderBlockBytes a header block (HEADERS and CONTINUATION, compressed) longer than this
 *     ends the connection with GOAWAY(ENHANCE_YOUR_CALM): the session holds a block until it ends
 * @param maxContinuations CONTINUATION frames in one header block beyond this end the connection
 *     with GOAWAY(ENHANCE_YOUR_CALM) (CONTINUATION flood, CVE-2024-27316)
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE we announce and enforce: a larger decoded
 *     field section ends the connection with GOAWAY(ENHANCE_YOUR_CALM) (RFC 9113 §10.5.1)
 * @param maxHeaderBytesPerConnection decoded request fields held by one connection's open streams;
 *     a stream that would pass it is refused (REFUSED_STREAM)
 * @param resets the client's RST_STREAM frames allowed before GOAWAY(ENHANCE_YOUR_CALM): rapid reset
 *     (CVE-2023-44487). nghttp2 allows 1000 at once; 200 keeps a reconnecting attacker's work per
 *     connection, and so the latency of other clients, five times lower, and still lets a browser
 *     cancel a page's worth of requests (then 33 a second, as nghttp2)
 * @param streamErrors stream errors the client's frames cause (RST_STREAM we send: REFUSED_STREAM,
 *     PROTOCOL_ERROR, STREAM_CLOSED...) allowed before GOAWAY(ENHANCE_YOUR_CALM): MadeYouReset
 *     (CVE-2025-8671), reset flood (CVE-2019-9514), streams beyond the concurrency limit
 * @param floods frames that cost us work but carry no request (PING, SETTINGS, empty DATA without
 *     END_STREAM) allowed before GOAWAY(ENHANCE_YOUR_CALM): CVE-2019-9512, 9515, 9518
 * @param threads selector threads; connections are spread over them
 */
public record ServerLimits(int maxConnections, int maxConnectionsPerIp, int outputBufferBytes,
                           Duration idleTimeout, Duration settingsTimeout, int maxHeaderBlockBytes,
                           int maxContinuations, int maxHeaderListSize, int maxHeaderBytesPerConnection,
                           Rate resets, Rate streamErrors, Rate floods, int threads) {
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 128;
  public static final int DEFAULT_OUTPUT_BUFFER_BYTES = 256 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_SETTINGS_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_HEADER_BLOCK_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_CONTINUATIONS = 8;
  public static final int DEFAULT_MAX_HEADER_LIST_SIZE = 64 * 1024;
  public static final int DEFAULT_MAX_HEADER_BYTES_PER_CONNECTION = 256 * 1024;
  public static final Rate DEFAULT_RESETS = new Rate(200, 33);
  public static final Rate DEFAULT_STREAM_ERRORS = new Rate(100, 10);
  public static final Rate DEFAULT_FLOODS = new Rate(1000, 100);
  /** The largest DATA frame: header and a {@link Session#DATA_PAYLOADLEN} payload, padding included (contract §1.2–1.3). */
  static final int MAX_DATA_FRAME = 9 + Session.DATA_PAYLOADLEN;

  /** A token bucket's shape: {@code burst} at once, then {@code perSecond}. */
  public record Rate(int burst, double perSecond) {
    public Rate {
      if (burst < 1) throw new IllegalArgumentException("a rate's burst must be at least 1");
      if (!(perSecond >= 0)) throw new IllegalArgumentException("a rate per second must not be negative");
    }

    /** Parses {@code BURST/PER_SECOND}, e.g. {@code 1000/33}. */
    public static Rate parse(String text) {
      String[] parts = text.split("/", -1);
      if (parts.length == 2 && parts[0].matches("[0-9]{1,9}") && parts[1].matches("[0-9]{1,9}(\\.[0-9]+)?")) {
        if (Integer.parseInt(parts[0]) < 1) throw new IllegalArgumentException(text + ": the burst must be at least 1");
        return new Rate(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]));
      }
      throw new IllegalArgumentException(text + ": expected BURST/PER_SECOND, e.g. 1000/33");
    }

    @Override public String toString() {
      return burst + "/" + (perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond));
    }
  }

  public ServerLimits {
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
    if (maxConnectionsPerIp < 1) throw new IllegalArgumentException("maxConnectionsPerIp must be at least 1");
    if (outputBufferBytes < 2 * MAX_DATA_FRAME) {
      throw new IllegalArgumentException("outputBufferBytes must be at least " + 2 * MAX_DATA_FRAME);
    }
    positive(idleTimeout, "idleTimeout");
    positive(settingsTimeout, "settingsTimeout");
    // A header block of one frame of the default maximum size must always pass.
    if (maxHeaderBlockBytes < SettingsParameter.DEFAULT_MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("maxHeaderBlockBytes must be at least " + SettingsParameter.DEFAULT_MAX_FRAME_SIZE);
    }
    if (maxContinuations < 0) throw new IllegalArgumentException("maxContinuations must not be negative");
    if (maxHeaderListSize < 1024) throw new IllegalArgumentException("maxHeaderListSize must be at least 1024");
    if (maxHeaderBytesPerConnection < maxHeaderListSize) {
      throw new IllegalArgumentException("maxHeaderBytesPerConnection must be at least maxHeaderListSize");
    }
    if (resets == null || streamErrors == null || floods == null) throw new IllegalArgumentException("rates must be given");
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
  }

  public static ServerLimits defaults() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_OUTPUT_BUFFER_BYTES,
        DEFAULT_IDLE_TIMEOUT, DEFAULT_SETTINGS_TIMEOUT, DEFAULT_MAX_HEADER_BLOCK_BYTES, DEFAULT_MAX_CONTINUATIONS,
        DEFAULT_MAX_HEADER_LIST_SIZE, DEFAULT_MAX_HEADER_BYTES_PER_CONNECTION, DEFAULT_RESETS, DEFAULT_STREAM_ERRORS, DEFAULT_FLOODS, threads);
  }

  public ServerLimits withMaxConnections(int n) {
    return new ServerLimits(n, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withMaxConnectionsPerIp(int n) {
    return new ServerLimits(maxConnections, n, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withOutputBufferBytes(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, n, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withIdleTimeout(Duration d) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, d, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withSettingsTimeout(Duration d) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, d,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withMaxHeaderBlockBytes(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        n, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withMaxContinuations(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, n, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, threads);
  }

  public ServerLimits withMaxHeaderListSize(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, n, Math.max(n, maxHeaderBytesPerConnection), resets, streamErrors, floods, threads);
  }

  public ServerLimits withMaxHeaderBytesPerConnection(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, n, resets, streamErrors, floods, threads);
  }

  public ServerLimits withResets(Rate r) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, r, streamErrors, floods, threads);
  }

  public ServerLimits withStreamErrors(Rate r) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, r, floods, threads);
  }

  public ServerLimits withFloods(Rate r) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, r, threads);
  }

  public ServerLimits withThreads(int n) {
    return new ServerLimits(maxConnections, maxConnectionsPerIp, outputBufferBytes, idleTimeout, settingsTimeout,
        maxHeaderBlockBytes, maxContinuations, maxHeaderListSize, maxHeaderBytesPerConnection, resets, streamErrors, floods, n);
  }

  /** Output above this stops the session's send loop: a whole DATA frame always fits below capacity. */
  int highWater() {
    return outputBufferBytes - MAX_DATA_FRAME;
  }
}
