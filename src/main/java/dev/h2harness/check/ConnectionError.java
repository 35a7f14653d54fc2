package dev.h2harness.check;

import dev.h2harness.frame.ErrorCode;

/**
 * A finding that is a connection error (RFC 9113 §5.4.1): the root cause of everything after it.
 *
 * @param code the error code the peer's GOAWAY carries
 */
public record ConnectionError(Finding root, long code) {
  /** e.g. {@code GOAWAY(ENHANCE_YOUR_CALM)}. */
  public String goAway() {
    return "GOAWAY(" + ErrorCode.nameOf(code) + ")";
  }
}
