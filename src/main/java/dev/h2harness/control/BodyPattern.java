package dev.h2harness.control;

import dev.h2harness.frame.Bytes;

/** The body of contract §4: octet i is {@code i mod 251}, a prime so frames never line up with it. */
public final class BodyPattern {
  public static final int PERIOD = 251;
  /** Two periods and a frame: any window of up to 16 KiB starts at offset {@code i mod 251}. */
  private static final byte[] TABLE = new byte[PERIOD + 65536];

  static {
    for (int i = 0; i < TABLE.length; i++) {
      TABLE[i] = (byte) (i % PERIOD);
    }
  }

  private BodyPattern() {}

  public static byte at(long offset) {
    return (byte) (offset % PERIOD);
  }

  /** Copies {@code length} (≤ 65536 per call is fastest) pattern octets from {@code offset}. */
  public static void copy(long offset, byte[] dst, int dstOffset, int length) {
    while (length > 0) {
      int n = Math.min(length, 65536);
      System.arraycopy(TABLE, (int) (offset % PERIOD), dst, dstOffset, n);
      offset += n;
      dstOffset += n;
      length -= n;
    }
  }

  /** The first index in {@code buf[off, off+len)} that differs from the pattern at {@code offset}, or -1. */
  public static int mismatch(long offset, byte[] buf, int off, int len) {
    for (int done = 0; done < len; done += 65536) {
      int n = Math.min(len - done, 65536);
      int start = (int) ((offset + done) % PERIOD);
      int m = java.util.Arrays.mismatch(buf, off + done, off + done + n, TABLE, start, start + n);
      if (m >= 0) return done + m;
    }
    return -1;
  }

  /**
   * The first index in {@code data[from, to)} whose octet differs from the pattern, where
   * {@code data[from]} is body octet {@code start}; -1 when all match. Compares in 64 KiB runs.
   */
  public static int mismatch(long start, Bytes data, int from, int to) {
    for (int i = from; i < to; i += 65536) {
      int n = Math.min(65536, to - i);
      int phase = (int) ((start + i - from) % PERIOD);
      Bytes part = data.slice(i, i + n);
      if (!part.equals(Bytes.wrap(TABLE, phase, n))) {
        for (int k = 0; k < n; k++) {
          if (part.get(k) != TABLE[phase + k]) return i + k;
        }
      }
    }
    return -1;
  }
}
