package dev.h2harness.session;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * nghttp2's outbound order (nghttp2_session_pop_next_ob_item): urgent (SETTINGS, PING), then
 * regular (RST_STREAM, GOAWAY, WINDOW_UPDATE, response HEADERS, trailers), then stream-opening
 * HEADERS while below the peer's MAX_CONCURRENT_STREAMS, then DATA while the connection window is
 * open.
 *
 * <p>DATA scheduling policy: round robin, one frame per turn, over the streams whose body is ready
 * (not deferred), in the order they became ready. nghttp2 1.52 uses weighted fair queuing over the
 * RFC 7540 priority tree; with equal weights both interleave frame by frame. The harness compares
 * DATA per stream, never the interleaving.
 */
final class OutboundQueues {
  final ArrayDeque<OutboundItem> urgent = new ArrayDeque<>();
  final ArrayDeque<OutboundItem> regular = new ArrayDeque<>();
  final ArrayDeque<OutboundItem.HeaderBlock> opening = new ArrayDeque<>();
  private final LinkedHashSet<Integer> readyStreams = new LinkedHashSet<>();

  void schedule(int streamId) {
    readyStreams.add(streamId);
  }

  void unschedule(int streamId) {
    readyStreams.remove(streamId);
  }

  /** The next DATA stream; it goes to the back of the line at once (nghttp2 reschedules on pack). */
  Integer nextDataStream() {
    Iterator<Integer> it = readyStreams.iterator();
    if (!it.hasNext()) {
      return null;
    }
    Integer id = it.next();
    it.remove();
    readyStreams.add(id);
    return id;
  }

  boolean hasData() {
    return !readyStreams.isEmpty();
  }

  boolean isEmpty() {
    return urgent.isEmpty() && regular.isEmpty() && opening.isEmpty() && readyStreams.isEmpty();
  }
}
