package dev.h2harness.session;

import dev.h2harness.frame.FrameHeader;

/**
 * What nghttp2 passes as {@code frame} for a DATA frame about to be written: the header fields
 * (length includes padding) and {@code padlen}, which counts the Pad Length octet (contract §1.4).
 */
public record DataFrameInfo(FrameHeader header, int padlen) {
  public int streamId() {
    return header.streamId();
  }

  /** The {@code length} argument of the send-data callback: payload without padding. */
  public int dataLength() {
    return header.length() - padlen;
  }
}
