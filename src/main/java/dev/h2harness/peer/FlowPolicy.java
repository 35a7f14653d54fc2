package dev.h2harness.peer;

/**
 * How the peer gives flow-control credit back. With {@link #replenishOnExhaustion} it sends a
 * WINDOW_UPDATE only once a window the target uses has reached zero, so the target is stalled and
 * its framing cannot depend on timing: the same script gives the same DATA frames on any target.
 *
 * @param streamIncrement what a stream window is brought back up to (0: never)
 * @param connectionIncrement what the connection window is brought back up to (0: never)
 */
public record FlowPolicy(int streamIncrement, int connectionIncrement) {
  public static FlowPolicy manual() {
    return new FlowPolicy(0, 0);
  }

  public static FlowPolicy replenishOnExhaustion(int streamIncrement, int connectionIncrement) {
    return new FlowPolicy(streamIncrement, connectionIncrement);
  }
}
