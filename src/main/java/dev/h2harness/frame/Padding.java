package dev.h2harness.frame;

/**
 * The padding of a DATA, HEADERS or PUSH_PROMISE frame exactly as on the wire: the Pad Length octet
 * and the padding octets that follow the content (RFC 9113 §6.1). Non-zero octets are kept so that
 * a check can name them.
 *
 * <p>nghttp2's {@code padlen} counts the Pad Length octet itself: {@code padlen() == 1 + padLength}.
 */
public record Padding(int padLength, Bytes octets) {
  public Padding {
    if (padLength < 0 || padLength > 255) {
      throw new IllegalArgumentException("Pad Length is one octet: " + padLength);
    }
  }

  /** Well-formed padding of nghttp2's {@code padlen} (1..256): Pad Length {@code padlen - 1}, zeros. */
  public static Padding ofPadlen(int padlen) {
    if (padlen < 1 || padlen > 256) {
      throw new IllegalArgumentException("padlen must be 1..256: " + padlen);
    }
    return new Padding(padlen - 1, Bytes.zeros(padlen - 1));
  }

  /** nghttp2's padlen: the Pad Length octet plus the padding octets. */
  public int padlen() {
    return 1 + octets.length();
  }

  /** True when the octets are as many as Pad Length says and all zero (§6.1: MUST be zero). */
  public boolean isWellFormed() {
    return octets.length() == padLength && octets.indexOfNonZero() < 0;
  }
}
