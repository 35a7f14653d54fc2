package dev.h2harness.attack;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-behaved client: every {@code intervalMillis} it opens a new connection from its own
 * loopback address and asks for {@code GET path}; a response that has not ended within
 * {@code timeoutMillis} is a failure. Run it beside an attack to see whether others are served.
 */
public final class LegitClient implements AutoCloseable {
  /** Latencies of one period. */
  public record Stats(int requests, int failures, long p50Micros, long maxMicros) {
    @Override public String toString() {
      return "p50 " + ms(p50Micros) + " ms, max " + ms(maxMicros) + " ms, " + failures + "/" + requests + " failed";
    }

    static String ms(long micros) {
      return micros < 0 ? "-" : String.format("%.1f", micros / 1000.0);
    }
  }

  private final InetSocketAddress target;
  private final InetAddress source;
  private final String path;
  private final long intervalMillis;
  private final long timeoutMillis;
  private final List<Long> latencies = new ArrayList<>();
  private int failures;
  private Thread thread;
  private volatile boolean stop;

  public LegitClient(InetSocketAddress target, InetAddress source, String path, long intervalMillis, long timeoutMillis) {
    this.target = target;
    this.source = source;
    this.path = path;
    this.intervalMillis = intervalMillis;
    this.timeoutMillis = timeoutMillis;
  }

  /** One request on a new connection: its latency in microseconds, or -1 when it failed or timed out. */
  public long once() {
    long start = System.nanoTime();
    try (Peer p = new Peer(target, source, start + timeoutMillis * 1_000_000)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(Wire.openingBytes());
      Wire.frame(out, Wire.HEADERS, Wire.END_STREAM | Wire.END_HEADERS, 1, Wire.request("GET", path, "localhost", new byte[0]));
      if (!p.write(out.toByteArray())) return -1;
      return p.awaitCompleted(1) ? (System.nanoTime() - start) / 1_000 : -1;
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Starts requesting in the background, a fresh {@link #take()} period. */
  public LegitClient start() {
    take();
    stop = false;
    thread = new Thread(() -> {
      while (!stop) {
        long t0 = System.nanoTime();
        long ms = once();
        synchronized (this) {
          if (ms < 0) failures++;
          else latencies.add(ms);
        }
        long rest = intervalMillis - (System.nanoTime() - t0) / 1_000_000;
        if (rest > 0) {
          try {
            Thread.sleep(rest);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "legit-client");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** The period since the last call (or start), and a new one begins. */
  public synchronized Stats take() {
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    Stats s = new Stats(sorted.size() + failures, failures, sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    latencies.clear();
    failures = 0;
    return s;
  }

  @Override public void close() throws InterruptedException {
    stop = true;
    if (thread != null) thread.join(timeoutMillis + 1000);
  }
}
