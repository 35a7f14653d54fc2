package dev.h2harness.check;

import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The SETTINGS one side announced: the values its peer has acknowledged, and those still awaiting
 * an ACK (RFC 9113 §6.5.3). Parameters the RFC does not define are ignored (§6.5.2).
 */
final class SettingsLedger {
  private static final int KNOWN = 16;

  private long[] acked = defaults();
  private final Deque<long[]> pending = new ArrayDeque<>();

  private static long[] defaults() {
    long[] v = new long[KNOWN];
    Arrays.fill(v, 0xffffffffL);
    for (SettingsParameter p : SettingsParameter.values()) {
      v[p.id] = p.initialValue;
    }
    return v;
  }

  void announce(List<Setting> settings) {
    long[] next = latestValues().clone();
    for (Setting s : settings) {
      if (s.id() < KNOWN) {
        next[s.id()] = s.value();
      }
    }
    pending.addLast(next);
  }

  /** The other side acknowledged the oldest SETTINGS not yet acknowledged. */
  void ack() {
    if (!pending.isEmpty()) {
      acked = pending.removeFirst();
    }
  }

  /** The value most recently announced, acknowledged or not. */
  long latest(int id) {
    return id < KNOWN ? latestValues()[id] : -1;
  }

  /** The largest of the acknowledged value and every value still awaiting an ACK. */
  long lenientMax(SettingsParameter parameter) {
    long max = acked[parameter.id];
    for (long[] p : pending) {
      max = Math.max(max, p[parameter.id]);
    }
    return max;
  }

  private long[] latestValues() {
    return pending.isEmpty() ? acked : pending.peekLast();
  }
}
