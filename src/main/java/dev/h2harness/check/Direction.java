package dev.h2harness.check;

/** Which way bytes travelled on the captured connection. */
public enum Direction {
  /** Bytes the target sent: what the harness judges. */
  FROM_TARGET,
  /** Bytes the harness's scripted peer sent to the target. */
  TO_TARGET;

  /** The arrow a frame log prints: {@code <<} for the target's bytes, {@code >>} for the peer's. */
  public String arrow() {
    return this == FROM_TARGET ? "<<" : ">>";
  }
}
