package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.stream.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams a client target opens: each new stream id is larger than every one it opened
 * before (RFC 9113 §5.1.1; an even id is {@link StreamStateRule}'s), and no more streams are
 * active at once than the harness's SETTINGS_MAX_CONCURRENT_STREAMS allows (§5.1.2).
 */
final class ClientStreamsRule implements Rule {
  private int highest;
  private final List<Integer> opened = new ArrayList<>();
  private static final Rules RULE = Rules.CLIENT_STREAMS;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (state.targetIsServer() || !(event.readEvent() instanceof ReadEvent.FrameRead r)
        || !(r.frame() instanceof Frame.Headers h) || h.streamId() == 0 || h.streamId() % 2 == 0) {
      return;
    }
    int id = h.streamId();
    StreamView s = state.stream(id);
    if (s != null && s.state() != StreamState.IDLE) {
      return; // trailers, or frames on a stream the state rule judges
    }
    if (id <= highest) {
      // RFC 9113 §5.1.1: a new stream id must exceed all the endpoint opened or reserved before.
      out.report("order", new Finding(RULE, "RFC 9113 §5.1.1", id, r.index(), r.offset(),
          "a stream id above " + highest, Integer.toString(id),
          "client opened stream " + id + " after stream " + highest, Direction.FROM_TARGET));
      return;
    }
    highest = id;
    long active = opened.stream().filter(o -> active(state.stream(o))).count();
    long max = state.lenientPeerSetting(SettingsParameter.MAX_CONCURRENT_STREAMS);
    if (active >= max) {
      out.report("concurrency", new Finding(RULE, "RFC 9113 §5.1.2", id, r.index(), r.offset(),
          "at most " + max + " active streams", (active + 1) + " active streams",
          "stream " + id + " exceeds SETTINGS_MAX_CONCURRENT_STREAMS " + max, Direction.FROM_TARGET));
    }
    opened.add(id);
  }

  private static boolean active(StreamView v) {
    if (v == null) return false;
    StreamState st = v.state();
    return st == StreamState.OPEN || st == StreamState.HALF_CLOSED_LOCAL || st == StreamState.HALF_CLOSED_REMOTE;
  }
}
