package dev.h2harness.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Test helper: runs bytes through a {@link FrameReader} and collects what it reports. */
final class Reading {
  final FrameReader reader;
  final List<ReadEvent> events = new ArrayList<>();

  Reading(boolean expectPreface, int maxFrameSize) {
    reader = new FrameReader(expectPreface, maxFrameSize, events::add);
  }

  static Reading frames() {
    return new Reading(false, FrameReader.DEFAULT_MAX_FRAME_SIZE);
  }

  /** Feeds {@code b} in pieces whose sizes {@code nextSize} gives (each at least 1). */
  Reading feed(byte[] b, IntSupplier nextSize) {
    int off = 0;
    while (off < b.length) {
      int n = Math.min(Math.max(1, nextSize.getAsInt()), b.length - off);
      reader.feed(b, off, n);
      off += n;
    }
    return this;
  }

  Reading feed(byte[] b) {
    reader.feed(b);
    return this;
  }

  Reading feedByteAtATime(byte[] b) {
    return feed(b, () -> 1);
  }

  Reading finish() {
    reader.finish();
    return this;
  }

  ReadEvent only() {
    if (events.size() != 1) {
      throw new AssertionError("expected exactly one event, got " + events);
    }
    return events.get(0);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
