package dev.h2harness.peer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every byte of a connection in both directions, with timestamps: counted always, kept up to a
 * limit per direction so that a 10 GiB response does not fill the heap. The checks see all bytes
 * as they arrive; the capture is for frame logs and exports.
 */
public final class Capture {
  /** One read or write: which way, when (nanoseconds since the capture began), where and how long. */
  public record Chunk(Direction direction, long nanos, long offset, int length) {}

  /** Which way bytes went. */
  public enum Direction { TO_TARGET, FROM_TARGET }

  private final long start = System.nanoTime();
  /** Wall-clock time of {@link #start}, for exports that carry absolute timestamps. */
  private final long startEpochMillis = System.currentTimeMillis();
  private final int keepLimit;
  private final ByteArrayOutputStream toTarget = new ByteArrayOutputStream();
  private final ByteArrayOutputStream fromTarget = new ByteArrayOutputStream();
  private final List<Chunk> chunks = new ArrayList<>();
  private boolean targetClosed;
  private long toTargetTotal;
  private long fromTargetTotal;

  public Capture(int keepLimit) {
    this.keepLimit = keepLimit;
  }

  void record(Direction d, byte[] b, int off, int len) {
    boolean out = d == Direction.TO_TARGET;
    long at = out ? toTargetTotal : fromTargetTotal;
    if (chunks.size() < 100_000) chunks.add(new Chunk(d, System.nanoTime() - start, at, len));
    ByteArrayOutputStream keep = out ? toTarget : fromTarget;
    int room = keepLimit - keep.size();
    if (room > 0) keep.write(b, off, Math.min(room, len));
    if (out) toTargetTotal += len; else fromTargetTotal += len;
  }

  /** The kept bytes of one direction (the first {@code keepLimit} octets). */
  public byte[] kept(Direction d) {
    return (d == Direction.TO_TARGET ? toTarget : fromTarget).toByteArray();
  }

  public long total(Direction d) {
    return d == Direction.TO_TARGET ? toTargetTotal : fromTargetTotal;
  }

  public boolean complete(Direction d) {
    return total(d) <= keepLimit;
  }

  /** Marks that the target ended the connection (exports write its FIN first). */
  public void targetClosed(boolean closed) {
    targetClosed = closed;
  }

  public boolean targetClosed() {
    return targetClosed;
  }

  /** When the capture began, in milliseconds since the epoch. */
  public long startEpochMillis() {
    return startEpochMillis;
  }

  public List<Chunk> chunks() {
    return List.copyOf(chunks);
  }
}
