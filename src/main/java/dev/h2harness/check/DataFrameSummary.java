package dev.h2harness.check;

/**
 * The shape of one DATA frame the target sent, without its payload: enough to compare a target's
 * framing with the reference session's.
 *
 * @param offset absolute offset of the frame header in the target's byte stream
 * @param padlen nghttp2's padlen: 0 when unpadded, else the Pad Length octet plus padding octets
 */
public record DataFrameSummary(long offset, int flags, int length, int padlen) {
  /** Data octets: the payload without Pad Length and padding. */
  public int dataLength() {
    return length - padlen;
  }
}
