package dev.h2harness.session;

import dev.h2harness.frame.Frame;
import dev.h2harness.hpack.HeaderField;

/**
 * The application's callbacks (nghttp2_session_callbacks). Any may be left unset: an unset
 * notification does nothing, an unset select-padding adds no padding, an unset send callback fails
 * every write, and an unset send-data callback makes NO_COPY a fatal CALLBACK_FAILURE (contract
 * §1.8). None is ever null.
 */
public final class SessionCallbacks {
  /** Takes bytes for the wire: returns how many it took, or WOULDBLOCK, or a fatal error. */
  @FunctionalInterface
  public interface Send {
    int send(byte[] data, int offset, int length);
  }

  /**
   * The NO_COPY callback (nghttp2_send_data_callback): writes {@code framehd}, the Pad Length
   * octet, {@code length} payload octets and the padding, as one unit (contract §1.7).
   */
  @FunctionalInterface
  public interface SendData {
    int sendData(Session session, DataFrameInfo frame, byte[] framehd, int length, DataSource source);
  }

  /** Returns the padded payload length, from the frame's length to {@code maxPaddedLength}. */
  @FunctionalInterface
  public interface SelectPadding {
    int selectPadding(Session session, int frameType, int streamId, int length, int maxPaddedLength);
  }

  @FunctionalInterface
  public interface OnFrame {
    void onFrame(Session session, Frame frame);
  }

  @FunctionalInterface
  public interface OnFrameSend {
    void onFrameSend(Session session, SentFrame frame);
  }

  /** A non-DATA frame was dropped before it was written, with nghttp2's error code. */
  @FunctionalInterface
  public interface OnFrameNotSend {
    void onFrameNotSend(Session session, int frameType, int streamId, int errorCode);
  }

  @FunctionalInterface
  public interface OnHeader {
    void onHeader(Session session, int streamId, HeaderField field);
  }

  @FunctionalInterface
  public interface OnDataChunk {
    void onDataChunk(Session session, int streamId, byte[] data, int offset, int length);
  }

  @FunctionalInterface
  public interface OnStreamClose {
    void onStreamClose(Session session, int streamId, long errorCode);
  }

  /** The send-data callback of a session that registered none: NO_COPY cannot be honoured. */
  static final SendData NO_SEND_DATA = (session, frame, framehd, length, source) -> NgError.CALLBACK_FAILURE;

  Send send = (data, offset, length) -> NgError.CALLBACK_FAILURE;
  SendData sendData = NO_SEND_DATA;
  SelectPadding selectPadding = (session, frameType, streamId, length, maxPaddedLength) -> length;
  OnFrameSend onFrameSend = (session, frame) -> { };
  OnFrameNotSend onFrameNotSend = (session, frameType, streamId, errorCode) -> { };
  OnFrame onFrameReceive = (session, frame) -> { };
  OnFrame onBeginHeaders = (session, frame) -> { };
  OnHeader onHeader = (session, streamId, field) -> { };
  OnDataChunk onDataChunk = (session, streamId, data, offset, length) -> { };
  OnStreamClose onStreamClose = (session, streamId, errorCode) -> { };

  public SessionCallbacks send(Send cb) {
    this.send = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks sendData(SendData cb) {
    this.sendData = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks selectPadding(SelectPadding cb) {
    this.selectPadding = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onFrameSend(OnFrameSend cb) {
    this.onFrameSend = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onFrameNotSend(OnFrameNotSend cb) {
    this.onFrameNotSend = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onFrameReceive(OnFrame cb) {
    this.onFrameReceive = java.util.Objects.requireNonNull(cb);
    return this;
  }

  /** Called when a HEADERS frame that starts a header block arrives, before its fields. */
  public SessionCallbacks onBeginHeaders(OnFrame cb) {
    this.onBeginHeaders = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onHeader(OnHeader cb) {
    this.onHeader = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onDataChunk(OnDataChunk cb) {
    this.onDataChunk = java.util.Objects.requireNonNull(cb);
    return this;
  }

  public SessionCallbacks onStreamClose(OnStreamClose cb) {
    this.onStreamClose = java.util.Objects.requireNonNull(cb);
    return this;
  }
}
