package dev.h2harness.check;

import dev.h2harness.frame.Bytes;

/**
 * The body the control header {@code h2h-body: N} asks for: byte i is {@code i mod 251}
 * (CONTRACT §4). Compares a run of octets against it without per-byte work in the common case.
 */
final class BodyPattern {
  static final int PERIOD = 251;
  private static final int CHUNK = 16384;
  private static final byte[] TABLE = new byte[CHUNK + PERIOD];

  static {
    for (int i = 0; i < TABLE.length; i++) {
      TABLE[i] = (byte) (i % PERIOD);
    }
  }

  private BodyPattern() {}

  static int expectedAt(long index) {
    return (int) (index % PERIOD);
  }

  /** Index in {@code data} of the first octet that differs from the body at {@code start}, or -1. */
  static int firstMismatch(Bytes data, int from, int to, long start) {
    int phase = expectedAt(start);
    for (int i = from; i < to; i += CHUNK) {
      int n = Math.min(CHUNK, to - i);
      Bytes part = data.slice(i, i + n);
      if (!part.equals(Bytes.wrap(TABLE, phase, n))) {
        for (int k = 0; k < n; k++) {
          if (part.get(k) != TABLE[phase + k]) {
            return i + k;
          }
        }
      }
      phase = (phase + n) % PERIOD;
    }
    return -1;
  }
}
