package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;

/** What one side sent on one stream; numbers are -1 where nothing was seen. */
final class StreamSide {
  boolean headersSeen;
  boolean endStreamSeen;
  long resetCode = -1;
  /** WINDOW_UPDATE increments from the other side on the stream, less this side's DATA. */
  long windowCredit;
  /** Data octets, padding excluded. */
  long bodyBytes;
  long dataFrameCount;
  /** The content-length of this side's request or final response, or -1. */
  long contentLength = -1;
  /** This side's header block after its request or final response; empty if none. */
  List<HeaderField> trailers = List.of();
  /** The first {@link ConnectionModel#MAX_DATA_SUMMARIES} DATA frames; null until the first. */
  private List<DataFrameSummary> dataFrames;

  void addDataFrame(long offset, int flags, int length, int padlen) {
    dataFrameCount++;
    if (dataFrames == null) {
      dataFrames = new ArrayList<>();
    }
    if (dataFrames.size() < ConnectionModel.MAX_DATA_SUMMARIES) {
      dataFrames.add(new DataFrameSummary(offset, flags, length, padlen));
    }
  }

  List<DataFrameSummary> dataFrames() {
    return dataFrames == null ? List.of() : List.copyOf(dataFrames);
  }
}
