package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.stream.StreamState;
import java.util.List;

/** What the model knows about one stream; numbers are -1 where nothing was seen. */
public interface StreamView {
  int id();

  StreamState state();

  /** True once the target sent HEADERS on the stream (a response, or a request in the client role). */
  boolean targetHeadersSeen();

  /** True once the target sent END_STREAM. */
  boolean endStreamSeen();

  /** True once the peer sent END_STREAM. */
  boolean peerEndStreamSeen();

  /** The error code of the RST_STREAM the target sent, or -1. */
  long targetResetCode();

  /**
   * RFC 9113 §8.1: "a server MAY request that the client abort transmission of a request without
   * error by sending a RST_STREAM with an error code of NO_ERROR after sending a complete response".
   * True for that reset: the response ended the stream, the reset is no error reaction.
   */
  default boolean resetAfterCompleteResponse() {
    return endStreamSeen() && targetResetCode() == dev.h2harness.frame.ErrorCode.NO_ERROR.code;
  }

  /** The code of a RST_STREAM that is an error reaction (not {@link #resetAfterCompleteResponse}), or -1. */
  default long targetErrorResetCode() {
    return resetAfterCompleteResponse() ? -1 : targetResetCode();
  }

  /** The error code of the RST_STREAM the peer sent, or -1. */
  long peerResetCode();

  /**
   * True once the stream is over for the harness: the target sent END_STREAM, or either side sent
   * RST_STREAM (RFC 9113 §5.1: half-closed (remote) or closed as the peer sees it). The one answer
   * to "has the stream ended"; how the target ended it is the scenario layer's {@code StreamEnd}.
   */
  default boolean ended() {
    return endStreamSeen() || targetResetCode() >= 0 || peerResetCode() >= 0;
  }

  /** The peer's decoded header block on the stream (the request in the server role). */
  List<HeaderField> requestHeaders();

  /** The target's final (non-1xx) header block; empty until it arrives. */
  List<HeaderField> responseHeaders();

  /** The target's header block after its final headers; empty if none. */
  List<HeaderField> trailers();

  /** The final {@code :status} the target sent, or -1. */
  int status();

  /** The request's {@code :method}, or null. */
  String method();

  /** The body the request asked for ({@link BodyExpectations}), or null when it asked for none. */
  ExpectedBody expectedBody();

  /** The response's {@code content-length}, or -1 when absent or not a number. */
  long contentLength();

  /** Data octets the target sent on the stream, padding excluded. */
  long bodyBytes();

  /** DATA frames the target sent on the stream, whether or not {@link #dataFrames} holds them. */
  long dataFrameCount();

  /** The first {@link ConnectionModel#MAX_DATA_SUMMARIES} DATA frames the target sent. */
  List<DataFrameSummary> dataFrames();
}
