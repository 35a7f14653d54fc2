package dev.h2harness.scenario;

import dev.h2harness.check.StreamView;

/** How a stream stands at the end of a run, as {@code expect.streams.N.end} names it. */
public enum StreamEnd {
  END_STREAM("end-stream"), RESET("reset"), OPEN("open");

  /** The word a scenario file uses. */
  public final String word;

  StreamEnd(String word) {
    this.word = word;
  }

  /**
   * How the target ended stream {@code v}: the one home of this classification. A target's
   * RST_STREAM wins over an END_STREAM, except the NO_ERROR reset after a complete response that
   * RFC 9113 §8.1 allows; a stream only the peer reset is still open here (null: never
   * seen). Whether the stream is over at all is {@link StreamView#ended}.
   */
  static StreamEnd of(StreamView v) {
    return v == null ? OPEN : v.targetErrorResetCode() >= 0 ? RESET : v.endStreamSeen() ? END_STREAM : OPEN;
  }

  /** The value named {@code word}; the loader has already checked it is one of them. */
  static StreamEnd named(String word) {
    for (StreamEnd e : values()) {
      if (e.word.equals(word)) return e;
    }
    throw new IllegalArgumentException(word);
  }

  @Override public String toString() {
    return word;
  }
}
