package dev.h2harness.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The streams whose DATA waits for flow-control credit (nghttp2's deferral on flow control), held
 * apart so that a WINDOW_UPDATE or SETTINGS frame finds them without scanning every stream of the
 * connection: O(1) amortised per frame. A stream stopped by the connection window (its own window
 * open) resumes at the next window change, as before; one stopped by its own window waits for a
 * WINDOW_UPDATE on that stream or a SETTINGS_INITIAL_WINDOW_SIZE change.
 */
final class FlowDeferredStreams {
  /** Own send window above 0: waiting for the connection window. */
  private final LinkedHashSet<Stream> ownWindowOpen = new LinkedHashSet<>();
  /** Own send window at or below 0. */
  private final LinkedHashSet<Stream> ownWindowClosed = new LinkedHashSet<>();

  void add(Stream s) {
    remove(s);
    (s.sendWindow.size() > 0 ? ownWindowOpen : ownWindowClosed).add(s);
  }

  void remove(Stream s) {
    if (!ownWindowOpen.remove(s)) {
      ownWindowClosed.remove(s);
    }
  }

  /** {@code s}'s own window grew: it joins the streams that may resume once it is open. */
  void windowGrew(Stream s) {
    if (s.sendWindow.size() > 0 && ownWindowClosed.remove(s)) {
      ownWindowOpen.add(s);
    }
  }

  /**
   * Every stream's window changed by the same delta (RFC 9113 §6.9.2): each deferred stream is
   * sorted again. O(deferred streams), within the O(streams) the change itself costs.
   */
  void allWindowsChanged() {
    List<Stream> all = new ArrayList<>(ownWindowOpen);
    all.addAll(ownWindowClosed);
    ownWindowOpen.clear();
    ownWindowClosed.clear();
    for (Stream s : all) {
      add(s);
    }
  }

  /** Removes and returns the streams whose own window is open, in the order they were deferred. */
  List<Stream> takeOwnWindowOpen() {
    if (ownWindowOpen.isEmpty()) {
      return List.of();
    }
    List<Stream> open = new ArrayList<>(ownWindowOpen);
    ownWindowOpen.clear();
    return open;
  }
}
