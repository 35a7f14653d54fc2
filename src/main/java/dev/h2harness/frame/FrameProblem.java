package dev.h2harness.frame;

/**
 * A structural problem found while reading frames: what, where (absolute byte offset of the
 * offending octet) and the RFC 9113 section that makes it a problem.
 */
public record FrameProblem(Kind kind, long offset, String message) {
  /** The kinds of structural problem, each with its RFC 9113 section and error code. */
  public enum Kind {
    /** §3.4: the client connection preface is not the 24 octets it must be. */
    BAD_PREFACE("3.4", ErrorCode.PROTOCOL_ERROR),
    /** §4.2: length above the receiver's SETTINGS_MAX_FRAME_SIZE. */
    FRAME_TOO_LARGE("4.2", ErrorCode.FRAME_SIZE_ERROR),
    /** §6.x: the payload is too short for the fields the type and flags require. */
    PAYLOAD_TOO_SHORT("4.2", ErrorCode.FRAME_SIZE_ERROR),
    /** §6.1, §6.2, §6.6: Pad Length is not less than the rest of the payload. */
    PAD_LENGTH_TOO_LARGE("6.1", ErrorCode.PROTOCOL_ERROR),
    /** §6.3, §6.4, §6.7, §6.9: a fixed-size payload has another length. */
    BAD_FIXED_LENGTH("4.2", ErrorCode.FRAME_SIZE_ERROR),
    /** §6.5: SETTINGS payload not a multiple of 6, or an ACK with a payload. */
    BAD_SETTINGS_LENGTH("6.5", ErrorCode.FRAME_SIZE_ERROR),
    /** §4.1: the byte stream ended inside a frame. */
    TRUNCATED("4.1", ErrorCode.PROTOCOL_ERROR);

    public final String section;
    public final ErrorCode errorCode;

    Kind(String section, ErrorCode errorCode) {
      this.section = section;
      this.errorCode = errorCode;
    }
  }

  /** The RFC 9113 section, e.g. {@code RFC 9113 §6.1}. */
  public String section() {
    return "RFC 9113 §" + kind.section;
  }

  @Override public String toString() {
    return kind + " at byte " + offset + " (" + section() + "): " + message;
  }
}
