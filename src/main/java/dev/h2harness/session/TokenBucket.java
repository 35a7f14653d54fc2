package dev.h2harness.session;

import java.util.function.LongSupplier;

/**
 * A rate limit: {@code burst} events at once, then {@code perSecond} more each second
 * (nghttp2's stream-reset rate limit has this shape). O(1) per event. Not thread-safe.
 */
public final class TokenBucket {
  private final long burst;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  public TokenBucket(long burst, double perSecond, LongSupplier nanoClock) {
    if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
    if (perSecond < 0) throw new IllegalArgumentException("rate must not be negative");
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.last = nanoClock.getAsLong();
  }

  public TokenBucket(long burst, double perSecond) {
    this(burst, perSecond, System::nanoTime);
  }

  /** Spends one token; false when there is none left (the event is over the limit). */
  public boolean take() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
