package dev.h2harness.parity;

/** One tool's verdict on one h2spec case, with the reason when it is not a pass. */
record Outcome(Kind kind, String reason) {
  enum Kind {
    PASSED("passed"), FAILED("failed"), SKIPPED("skipped"), NOT_APPLICABLE("not applicable");

    final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  static Outcome passed() {
    return new Outcome(Kind.PASSED, "");
  }

  /** Skipped (h2spec) and not applicable (h2harness) agree: neither tool ran the case. */
  boolean agreesWith(Outcome other) {
    return ran() == other.ran() && (!ran() || kind == other.kind);
  }

  private boolean ran() {
    return kind == Kind.PASSED || kind == Kind.FAILED;
  }
}
