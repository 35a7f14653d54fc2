package dev.h2harness.session;

import dev.h2harness.frame.Frame;
import dev.h2harness.hpack.HeaderField;
import java.util.List;

/** A frame waiting in one of the outbound queues, before it is serialised. */
sealed interface OutboundItem {
  int streamId();

  /** Any frame but HEADERS and DATA (SETTINGS, PING, RST_STREAM, GOAWAY, WINDOW_UPDATE, ...). */
  record Control(Frame frame, boolean terminate) implements OutboundItem {
    @Override public int streamId() {
      return frame.streamId();
    }
  }

  /** A header block: request, response, or trailers; {@code body} attaches once it is sent. */
  record HeaderBlock(int streamId, List<HeaderField> fields, boolean endStream, boolean opensStream,
                     DataSource body) implements OutboundItem {}

  /** A stream's body, scheduled by the DATA scheduler. */
  record Data(DataItem item) implements OutboundItem {
    @Override public int streamId() {
      return item.streamId;
    }
  }
}
