package dev.h2harness.frame;

/** Which stream identifiers a frame type may carry (RFC 9113 §6, each type's "stream identifier" rule). */
public enum StreamAssociation {
  /** Stream 0 only: the frame is about the connection (SETTINGS, PING, GOAWAY). */
  CONNECTION,
  /** A stream other than 0 (DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE, CONTINUATION). */
  STREAM,
  /** Either: stream 0 means the connection (WINDOW_UPDATE). */
  EITHER;

  public boolean allows(int streamId) {
    return switch (this) {
      case CONNECTION -> streamId == 0;
      case STREAM -> streamId != 0;
      case EITHER -> true;
    };
  }
}
