package dev.h2harness.session;

import dev.h2harness.frame.SettingsParameter;

/**
 * A receive window (RFC 9113 §6.9): how much the peer may send, and how much it sent that has not
 * been given back with WINDOW_UPDATE (nghttp2's recv_window_size). One policy gives credit back:
 * once half the window is consumed (nghttp2_should_send_window_update).
 */
final class ReceiveWindow {
  private int size;
  private int unacked;

  ReceiveWindow(int initial) {
    this.size = initial;
  }

  static ReceiveWindow initial() {
    return new ReceiveWindow(SettingsParameter.DEFAULT_WINDOW);
  }

  /** Takes {@code length} flow-controlled octets; false, and nothing taken, when beyond the window. */
  boolean accept(int length) {
    if (unacked + length > size) {
      return false;
    }
    unacked += length;
    return true;
  }

  /** The increment to announce now, or 0 while less than half the window is consumed. */
  int takeIncrement() {
    if (unacked > 0 && unacked >= size / 2) {
      int n = unacked;
      unacked = 0;
      return n;
    }
    return 0;
  }

  /** The window grows or shrinks (our WINDOW_UPDATE, our SETTINGS_INITIAL_WINDOW_SIZE change). */
  void adjust(int delta) {
    size += delta;
  }
}
