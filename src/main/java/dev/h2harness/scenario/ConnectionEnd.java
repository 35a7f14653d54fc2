package dev.h2harness.scenario;

/** Whether the connection is open or closed at the end of a run, as {@code expect.connection} names it. */
public enum ConnectionEnd {
  OPEN("open"), CLOSED("closed");

  /** The word a scenario file uses. */
  public final String word;

  ConnectionEnd(String word) {
    this.word = word;
  }

  /** The value named {@code word}; the loader has already checked it is one of them. */
  static ConnectionEnd named(String word) {
    return word.equals(CLOSED.word) ? CLOSED : OPEN;
  }

  @Override public String toString() {
    return word;
  }
}
