package dev.h2harness.scenario;

/** What a scenario's run says about the target. */
public enum Verdict {
  /** Every check held. */
  PASS,
  /**
   * Accepted only under {@code --lenient}: the target reacted more weakly than RFC 9113 requires
   * (GOAWAY without the close, another error code). Reported as such, never as a plain pass.
   */
  LENIENT,
  /** At least one finding. */
  FAIL,
  /** The scenario needs the control headers and the target does not honour them: never a pass. */
  NOT_APPLICABLE,
  /** The scenario could not run (target unreachable, a scenario that cannot complete). */
  ERROR
}
