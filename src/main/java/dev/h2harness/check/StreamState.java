package dev.h2harness.check;

/** The stream states of RFC 9113 §5.1, seen from the target: "local" is the target. */
public enum StreamState {
  IDLE,
  RESERVED_LOCAL,
  RESERVED_REMOTE,
  OPEN,
  HALF_CLOSED_LOCAL,
  HALF_CLOSED_REMOTE,
  CLOSED
}
