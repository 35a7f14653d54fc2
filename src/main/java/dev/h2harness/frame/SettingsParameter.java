package dev.h2harness.frame;

/**
 * SETTINGS parameters (RFC 9113 §6.5.2) with their identifier, initial value and legal range, and
 * the error a value outside the range is. {@link #problem} is the one place the ranges are judged.
 */
public enum SettingsParameter {
  HEADER_TABLE_SIZE(0x1, 4096, 0, SettingsParameter.MAX_32, null),
  ENABLE_PUSH(0x2, 1, 0, 1, ErrorCode.PROTOCOL_ERROR),
  MAX_CONCURRENT_STREAMS(0x3, SettingsParameter.UNLIMITED, 0, SettingsParameter.MAX_32, null),
  /** Also the initial window of the connection (RFC 9113 §6.9.2). */
  INITIAL_WINDOW_SIZE(0x4, 65_535, 0, Integer.MAX_VALUE, ErrorCode.FLOW_CONTROL_ERROR),
  /** Also the largest frame payload until the receiver announces another (RFC 9113 §4.2). */
  MAX_FRAME_SIZE(0x5, 16_384, 16_384, 16_777_215, ErrorCode.PROTOCOL_ERROR),
  MAX_HEADER_LIST_SIZE(0x6, SettingsParameter.UNLIMITED, 0, SettingsParameter.MAX_32, null),
  /** RFC 8441 §3; listed so that frame logs name it. Its range is not enforced here. */
  ENABLE_CONNECT_PROTOCOL(0x8, 0, 0, SettingsParameter.MAX_32, null),
  /** RFC 9218 §2.1; listed so that frame logs name it. Its range is not enforced here. */
  NO_RFC7540_PRIORITIES(0x9, 0, 0, SettingsParameter.MAX_32, null);

  /** The initial value of a parameter without a limit ("initially no limit"). */
  public static final long UNLIMITED = Long.MAX_VALUE;
  /** RFC 9113 §6.9.2: the initial window of every stream and of the connection. */
  public static final int DEFAULT_WINDOW = (int) INITIAL_WINDOW_SIZE.initialValue;
  /** RFC 9113 §6.5.2, RFC 7541 §4.2: the HPACK dynamic table size both sides start with. */
  public static final int DEFAULT_HEADER_TABLE_SIZE = (int) HEADER_TABLE_SIZE.initialValue;
  /** RFC 9113 §4.2: the frame payload every endpoint accepts. */
  public static final int DEFAULT_MAX_FRAME_SIZE = (int) MAX_FRAME_SIZE.initialValue;
  /** RFC 9113 §6.9.1: the largest window, 2^31-1. */
  public static final int MAX_WINDOW = Integer.MAX_VALUE;

  private static final long MAX_32 = 0xffffffffL;
  private static final SettingsParameter[] BY_ID = new SettingsParameter[16];

  static {
    for (SettingsParameter p : values()) BY_ID[p.id] = p;
  }

  public final int id;
  public final long initialValue;
  public final long min;
  public final long max;
  /** The connection error a value outside {@code min..max} is; null when every value is legal. */
  public final ErrorCode outOfRange;

  SettingsParameter(int id, long initialValue, long min, long max, ErrorCode outOfRange) {
    this.id = id;
    this.initialValue = initialValue;
    this.min = min;
    this.max = max;
    this.outOfRange = outOfRange;
  }

  /** The parameter with this identifier, or null for one this code does not know (§6.5.2: ignore it). */
  public static SettingsParameter of(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  public static String nameOf(int id) {
    SettingsParameter p = of(id);
    return p != null ? p.name() : String.format("0x%x", id);
  }

  /** What a SETTINGS value breaks: the connection error and a short reason. */
  public record Problem(ErrorCode code, String reason) {}

  /**
   * RFC 9113 §6.5.2: why {@code s}, sent by a server when {@code fromServer}, is a connection error,
   * or null when it is not. Unknown parameters are never an error.
   */
  public static Problem problem(Setting s, boolean fromServer) {
    SettingsParameter p = of(s.id());
    if (p == null || p.outOfRange == null) {
      return null;
    }
    if (s.value() < p.min || s.value() > p.max) {
      return new Problem(p.outOfRange, p.name() + " " + s.value() + " (§6.5.2)");
    }
    if (p == ENABLE_PUSH && fromServer && s.value() == 1) {
      // RFC 9113 §6.5.2: a client treats ENABLE_PUSH 1 from a server as a PROTOCOL_ERROR.
      return new Problem(ErrorCode.PROTOCOL_ERROR, "server sent ENABLE_PUSH 1 (§6.5.2)");
    }
    return null;
  }
}
