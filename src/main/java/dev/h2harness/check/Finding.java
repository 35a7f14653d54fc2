package dev.h2harness.check;

import dev.h2harness.frame.FrameProblem;
import java.util.Optional;

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
 * @param frameProblem the reader's kind of structural problem, for a finding that is one (e.g. a
 *     byte stream cut inside a frame); empty otherwise. Not printed: the message says it.
 */
public record Finding(RuleId rule, String section, int stream, int frame, long offset,
    String expected, String actual, String message, Direction direction, Optional<FrameProblem.Kind> frameProblem) {

  /** A finding that is not a structural problem of the reader's. */
  public Finding(RuleId rule, String section, int stream, int frame, long offset, String expected, String actual,
      String message, Direction direction) {
    this(rule, section, stream, frame, offset, expected, actual, message, direction, Optional.empty());
  }

  /** True for the finding of a byte stream that ended inside a frame (RFC 9113 §4.1). */
  public boolean cutInsideFrame() {
    return frameProblem.filter(k -> k == FrameProblem.Kind.TRUNCATED).isPresent();
  }

  /** One line: {@code rule (section) stream S frame #F at byte O: message [expected E, actual A]}. */
  @Override public String toString() {
    return rule.id() + " (" + section + ") stream " + stream + (frame >= 0 ? " frame #" + frame : "")
        + " at byte " + offset + ": " + message + " [expected " + expected + ", actual " + actual + "]";
  }
}
