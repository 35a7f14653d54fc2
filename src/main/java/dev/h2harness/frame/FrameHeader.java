package dev.h2harness.frame;

/**
 * The 9-octet frame header exactly as on the wire (RFC 9113 §4.1): 24-bit length, type, flags and
 * the 32-bit stream field whose top bit is the reserved R bit.
 */
public record FrameHeader(int length, int type, int flags, int streamField) {
  public static final int SIZE = 9;

  public int streamId() {
    return streamField & 0x7fffffff;
  }

  public boolean reservedBit() {
    return streamField < 0;
  }

  public static FrameHeader parse(byte[] b, int off) {
    int length = (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
    int stream = (b[off + 5] & 0xff) << 24 | (b[off + 6] & 0xff) << 16 | (b[off + 7] & 0xff) << 8
        | (b[off + 8] & 0xff);
    return new FrameHeader(length, b[off + 3] & 0xff, b[off + 4] & 0xff, stream);
  }

  /** Writes the 9 octets at {@code off}; only the low 24 bits of length and 8 of type/flags count. */
  public void writeTo(byte[] dst, int off) {
    dst[off] = (byte) (length >>> 16);
    dst[off + 1] = (byte) (length >>> 8);
    dst[off + 2] = (byte) length;
    dst[off + 3] = (byte) type;
    dst[off + 4] = (byte) flags;
    dst[off + 5] = (byte) (streamField >>> 24);
    dst[off + 6] = (byte) (streamField >>> 16);
    dst[off + 7] = (byte) (streamField >>> 8);
    dst[off + 8] = (byte) streamField;
  }

  public byte[] toBytes() {
    byte[] b = new byte[SIZE];
    writeTo(b, 0);
    return b;
  }

  @Override public String toString() {
    return String.format("%s len=%d flags=0x%02x stream=%d%s", FrameType.nameOf(type), length, flags,
        streamId(), reservedBit() ? " R" : "");
  }
}
