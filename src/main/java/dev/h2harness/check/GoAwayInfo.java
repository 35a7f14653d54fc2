package dev.h2harness.check;

import dev.h2harness.frame.ErrorCode;

/** A GOAWAY frame seen on the connection (RFC 9113 §6.8), at its header's byte offset. */
public record GoAwayInfo(int lastStreamId, long errorCode, long offset) {
  @Override public String toString() {
    return "GOAWAY last=" + lastStreamId + " " + ErrorCode.nameOf(errorCode);
  }
}
