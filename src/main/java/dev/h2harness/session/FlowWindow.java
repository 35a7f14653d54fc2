package dev.h2harness.session;

import dev.h2harness.frame.SettingsParameter;

/**
 * A send window (RFC 9113 §6.9): the flow-controlled octets this side may still send on a stream or
 * on the connection. It may go below zero after a SETTINGS_INITIAL_WINDOW_SIZE change (§6.9.2),
 * never above 2^31-1 (§6.9.1); {@link #fits} is the one place that bound is checked.
 */
final class FlowWindow {
  private int size;

  FlowWindow(int initial) {
    this.size = initial;
  }

  int size() {
    return size;
  }

  /** RFC 9113 §6.9.1: false when growing by {@code delta} would pass 2^31-1. */
  boolean fits(long delta) {
    return size + delta <= SettingsParameter.MAX_WINDOW;
  }

  /** Grows (or, negative, shrinks) the window by {@code delta}; the caller checked {@link #fits}. */
  void adjust(long delta) {
    size = (int) (size + delta);
  }

  /** A DATA frame was sent: its whole payload, padding included, is charged (§6.9.1). */
  void consume(int octets) {
    size -= octets;
  }
}
