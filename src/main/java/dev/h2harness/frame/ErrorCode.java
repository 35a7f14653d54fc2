package dev.h2harness.frame;

/** Error codes of RFC 9113 §7. Codes on the wire are 32-bit; unknown ones are legal (§7). */
public enum ErrorCode {
  NO_ERROR(0x0),
  PROTOCOL_ERROR(0x1),
  INTERNAL_ERROR(0x2),
  FLOW_CONTROL_ERROR(0x3),
  SETTINGS_TIMEOUT(0x4),
  STREAM_CLOSED(0x5),
  FRAME_SIZE_ERROR(0x6),
  REFUSED_STREAM(0x7),
  CANCEL(0x8),
  COMPRESSION_ERROR(0x9),
  CONNECT_ERROR(0xa),
  ENHANCE_YOUR_CALM(0xb),
  INADEQUATE_SECURITY(0xc),
  HTTP_1_1_REQUIRED(0xd);

  public final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The RFC's name for a code, or {@code 0x...} for one it does not define. */
  public static String nameOf(long code) {
    for (ErrorCode e : values()) {
      if (e.code == code) {
        return e.name();
      }
    }
    return String.format("0x%x", code);
  }
}
