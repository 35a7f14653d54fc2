package dev.h2harness.session;

/** One stream's state inside the session: its RFC state, windows, and attached body. */
final class Stream {
  final int id;
  StreamState state = StreamState.IDLE;
  /** RST_STREAM is queued: nothing more is sent on it (nghttp2's CLOSING). */
  boolean closing;
  /** Our response HEADERS went out, so DATA may follow (nghttp2's OPENED for a server stream). */
  boolean headersSent;
  int sendWindow;
  int recvWindow;
  /** Received DATA octets not yet given back by WINDOW_UPDATE (nghttp2's recv_window_size). */
  int recvUnacked;
  DataItem data;
  boolean deferredFlow;
  boolean deferredUser;

  boolean requestHeadersReceived;
  boolean inTrailers;
  long expectedContentLength = -1;
  long receivedBody;
  boolean isHead;
  /** Counted in the session's active peer streams (not closed, not being reset). */
  boolean counted;
  long headerOctets;

  Stream(int id, int sendWindow, int recvWindow) {
    this.id = id;
    this.sendWindow = sendWindow;
    this.recvWindow = recvWindow;
  }

  boolean isClosed() {
    return state == StreamState.CLOSED;
  }
}
