package dev.h2harness.peer;

import dev.h2harness.frame.SettingsParameter;

/**
 * How the peer gives flow-control credit back. With {@link #replenishOnExhaustion} it sends a
 * WINDOW_UPDATE only once a window the target uses has reached zero, so the target is stalled and
 * its framing cannot depend on timing: the same script gives the same DATA frames on any target.
 * A target may also wait for more credit than it has before it writes anything (legal, if
 * unhelpful); with {@code topUpWhenStalled} the peer then opens the windows of live streams to at
 * least the initial window ({@link SettingsParameter#DEFAULT_WINDOW}) after {@link #STALL_MILLIS} of
 * silence, so generic scenarios make progress.
 *
 * @param streamIncrement what a stream window is brought back up to (0: never)
 * @param connectionIncrement what the connection window is brought back up to (0: never)
 */
public record FlowPolicy(int streamIncrement, int connectionIncrement, boolean topUpWhenStalled) {
  /** Silence after which a stalled target gets more credit. */
  public static final int STALL_MILLIS = 250;

  public static FlowPolicy manual() {
    return new FlowPolicy(0, 0, false);
  }

  public static FlowPolicy replenishOnExhaustion(int streamIncrement, int connectionIncrement) {
    return new FlowPolicy(streamIncrement, connectionIncrement, false);
  }

  /** Windows brought back up to the initial window of RFC 9113 §6.9.2 once used up. */
  public static FlowPolicy replenishToDefaultWindows() {
    return replenishOnExhaustion(SettingsParameter.DEFAULT_WINDOW, SettingsParameter.DEFAULT_WINDOW);
  }

  /** The same policy, with or without top-ups after a stall. */
  public FlowPolicy withTopUpWhenStalled(boolean on) {
    return new FlowPolicy(streamIncrement, connectionIncrement, on && (streamIncrement > 0 || connectionIncrement > 0));
  }
}
