package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.stream.Role;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;
import dev.h2harness.stream.Transition;
import java.util.List;

/**
 * The model's mutable record of one stream: its state, what each side sent on it, and the request
 * and final response whichever side sent them; rules see it only as a {@link StreamView}.
 */
final class StreamRecord implements StreamView {
  final int id;
  /** The target's role: the side the states are seen from. */
  private final Role role;
  StreamState state = StreamState.IDLE;
  final StreamSide target = new StreamSide();
  final StreamSide peer = new StreamSide();
  List<HeaderField> requestHeaders = List.of();
  List<HeaderField> responseHeaders = List.of();
  int status = -1;
  String method;
  ExpectedBody expectedBody;

  StreamRecord(int id, Role role) {
    this.id = id;
    this.role = role;
  }

  /** What {@code side} sent on this stream. */
  StreamSide of(Side side) {
    return side.judged ? target : peer;
  }

  /** Moves the stream by the §5.1 table; a frame the table does not allow leaves the state as it was. */
  void apply(StreamInput input) {
    if (StreamTransitions.next(state, input, role) instanceof Transition.Next n) {
      state = n.state();
    }
  }

  @Override public int id() { return id; }
  @Override public StreamState state() { return state; }
  @Override public boolean targetHeadersSeen() { return target.headersSeen; }
  @Override public boolean endStreamSeen() { return target.endStreamSeen; }
  @Override public boolean peerEndStreamSeen() { return peer.endStreamSeen; }
  @Override public long targetResetCode() { return target.resetCode; }
  @Override public long peerResetCode() { return peer.resetCode; }
  @Override public List<HeaderField> requestHeaders() { return requestHeaders; }
  @Override public List<HeaderField> responseHeaders() { return responseHeaders; }
  @Override public List<HeaderField> trailers() { return target.trailers; }
  @Override public int status() { return status; }
  @Override public String method() { return method; }
  @Override public ExpectedBody expectedBody() { return expectedBody; }
  @Override public long contentLength() { return target.contentLength; }
  @Override public long bodyBytes() { return target.bodyBytes; }
  @Override public long dataFrameCount() { return target.dataFrameCount; }
  @Override public List<DataFrameSummary> dataFrames() { return target.dataFrames(); }

  @Override public String toString() {
    return "stream " + id + " " + state + (status >= 0 ? " :status " + status : "")
        + " body=" + target.bodyBytes + (target.endStreamSeen ? " END_STREAM" : "");
  }
}
