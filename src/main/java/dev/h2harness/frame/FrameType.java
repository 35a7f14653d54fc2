package dev.h2harness.frame;

/** The frame types RFC 9113 §6 defines, with their type codes. */
public enum FrameType {
  DATA(0x0),
  HEADERS(0x1),
  PRIORITY(0x2),
  RST_STREAM(0x3),
  SETTINGS(0x4),
  PUSH_PROMISE(0x5),
  PING(0x6),
  GOAWAY(0x7),
  WINDOW_UPDATE(0x8),
  CONTINUATION(0x9);

  private static final FrameType[] BY_CODE = values();

  public final int code;

  FrameType(int code) {
    this.code = code;
  }

  /** The type with this code, or null for a type RFC 9113 does not define (§5.5: ignore it). */
  public static FrameType of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The RFC's name for a type code, or {@code UNKNOWN(0xNN)}. */
  public static String nameOf(int code) {
    FrameType t = of(code);
    return t != null ? t.name() : String.format("UNKNOWN(0x%02x)", code);
  }
}
