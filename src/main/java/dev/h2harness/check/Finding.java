package dev.h2harness.check;

/**
 * One violation found in captured bytes: which rule, where (stream, frame index and absolute byte
 * offset in {@code direction}'s byte stream, of the offending octet), what was expected and what
 * was seen.
 *
 * @param rule its stable id: one of {@link Rules}, or one the scenario layer establishes
 * @param section what makes it a violation, e.g. {@code RFC 9113 §6.1} or {@code contract §1.9}
 * @param stream the stream id the offending frame carries (0 for the connection)
 * @param frame the frame's index in its direction, counted from 0 after any preface; -1 if none
 * @param offset absolute offset of the offending octet in {@code direction}'s byte stream
 */
public record Finding(RuleId rule, String section, int stream, int frame, long offset,
    String expected, String actual, String message, Direction direction) {

  /** One line: {@code rule (section) stream S frame #F at byte O: message [expected E, actual A]}. */
  @Override public String toString() {
    return rule.id() + " (" + section + ") stream " + stream + (frame >= 0 ? " frame #" + frame : "")
        + " at byte " + offset + ": " + message + " [expected " + expected + ", actual " + actual + "]";
  }
}
