package dev.h2harness.session;

import dev.h2harness.stream.StreamState;

/** One stream's state inside the session: its RFC state, windows, and attached body. */
final class Stream {
  final int id;
  StreamState state = StreamState.IDLE;
  /** RST_STREAM is queued: nothing more is sent on it (nghttp2's CLOSING). */
  boolean closing;
  /** Our response HEADERS went out, so DATA may follow (nghttp2's OPENED for a server stream). */
  boolean headersSent;
  final FlowWindow sendWindow;
  final ReceiveWindow recvWindow;
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
    this.sendWindow = new FlowWindow(sendWindow);
    this.recvWindow = new ReceiveWindow(recvWindow);
  }

  boolean isClosed() {
    return state == StreamState.CLOSED;
  }
}
