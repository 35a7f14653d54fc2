package dev.h2harness.stream;

/** The stream states of RFC 9113 §5.1, from one endpoint's side: "local" is that endpoint. */
public enum StreamState {
  IDLE,
  RESERVED_LOCAL,
  RESERVED_REMOTE,
  OPEN,
  HALF_CLOSED_LOCAL,
  HALF_CLOSED_REMOTE,
  CLOSED;

  /** The same state seen from the other endpoint (local and remote swap). */
  public StreamState mirror() {
    return switch (this) {
      case RESERVED_LOCAL -> RESERVED_REMOTE;
      case RESERVED_REMOTE -> RESERVED_LOCAL;
      case HALF_CLOSED_LOCAL -> HALF_CLOSED_REMOTE;
      case HALF_CLOSED_REMOTE -> HALF_CLOSED_LOCAL;
      default -> this;
    };
  }
}
