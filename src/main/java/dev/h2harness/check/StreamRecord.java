package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.stream.Role;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;
import dev.h2harness.stream.Transition;
import java.util.ArrayList;
import java.util.List;

/** The model's mutable record of one stream; rules see it only as a {@link StreamView}. */
final class StreamRecord implements StreamView {
  final int id;
  /** The target's role: the side the states are seen from. */
  private final Role role;
  StreamState state = StreamState.IDLE;
  boolean targetHeadersSeen;
  boolean endStreamSeen;
  boolean peerEndStreamSeen;
  long targetResetCode = -1;
  long peerResetCode = -1;
  List<HeaderField> requestHeaders = List.of();
  List<HeaderField> responseHeaders = List.of();
  List<HeaderField> trailers = List.of();
  int status = -1;
  String method;
  ExpectedBody expectedBody;
  long contentLength = -1;
  long bodyBytes;
  long dataFrameCount;
  /** WINDOW_UPDATE increments from the peer minus DATA lengths from the target. */
  long windowCredit;
  private final List<DataFrameSummary> dataFrames = new ArrayList<>();

  StreamRecord(int id, Role role) {
    this.id = id;
    this.role = role;
  }

  /** Moves the stream by the §5.1 table; a frame the table does not allow leaves the state as it was. */
  void apply(StreamInput input) {
    if (StreamTransitions.next(state, input, role) instanceof Transition.Next n) {
      state = n.state();
    }
  }

  void addDataFrame(DataFrameSummary s) {
    dataFrameCount++;
    if (dataFrames.size() < ConnectionModel.MAX_DATA_SUMMARIES) {
      dataFrames.add(s);
    }
  }

  @Override public int id() { return id; }
  @Override public StreamState state() { return state; }
  @Override public boolean targetHeadersSeen() { return targetHeadersSeen; }
  @Override public boolean endStreamSeen() { return endStreamSeen; }
  @Override public boolean peerEndStreamSeen() { return peerEndStreamSeen; }
  @Override public long targetResetCode() { return targetResetCode; }
  @Override public long peerResetCode() { return peerResetCode; }
  @Override public List<HeaderField> requestHeaders() { return requestHeaders; }
  @Override public List<HeaderField> responseHeaders() { return responseHeaders; }
  @Override public List<HeaderField> trailers() { return trailers; }
  @Override public int status() { return status; }
  @Override public String method() { return method; }
  @Override public ExpectedBody expectedBody() { return expectedBody; }
  @Override public long contentLength() { return contentLength; }
  @Override public long bodyBytes() { return bodyBytes; }
  @Override public long dataFrameCount() { return dataFrameCount; }
  @Override public List<DataFrameSummary> dataFrames() { return List.copyOf(dataFrames); }

  @Override public String toString() {
    return "stream " + id + " " + state + (status >= 0 ? " :status " + status : "")
        + " body=" + bodyBytes + (endStreamSeen ? " END_STREAM" : "");
  }
}
