package dev.h2harness.frame;

/**
 * The frame types RFC 9113 §6 defines, with their metadata as data (python-hyper's class
 * attributes): type code, defined flags, stream association, the payload length fixed by the
 * type where there is one, and the section that defines the type. Every layer asks these instead of
 * deciding again.
 */
public enum FrameType {
  DATA(0x0, Flags.END_STREAM | Flags.PADDED, StreamAssociation.STREAM, -1, "6.1"),
  HEADERS(0x1, Flags.END_STREAM | Flags.END_HEADERS | Flags.PADDED | Flags.PRIORITY, StreamAssociation.STREAM, -1, "6.2"),
  PRIORITY(0x2, 0, StreamAssociation.STREAM, 5, "6.3"),
  RST_STREAM(0x3, 0, StreamAssociation.STREAM, 4, "6.4"),
  SETTINGS(0x4, Flags.ACK, StreamAssociation.CONNECTION, -1, "6.5"),
  PUSH_PROMISE(0x5, Flags.END_HEADERS | Flags.PADDED, StreamAssociation.STREAM, -1, "6.6"),
  PING(0x6, Flags.ACK, StreamAssociation.CONNECTION, 8, "6.7"),
  GOAWAY(0x7, 0, StreamAssociation.CONNECTION, -1, "6.8"),
  WINDOW_UPDATE(0x8, 0, StreamAssociation.EITHER, 4, "6.9"),
  CONTINUATION(0x9, Flags.END_HEADERS, StreamAssociation.STREAM, -1, "6.10");

  private static final FrameType[] BY_CODE = values();

  public final int code;
  /** The flag bits the type defines; other bits are unknown and ignored (§4.1). */
  public final int definedFlags;
  public final StreamAssociation streams;
  /** The payload length every frame of the type has, or -1 when it varies. */
  public final int fixedLength;
  /** The RFC 9113 section that defines the type, e.g. {@code 6.1}. */
  public final String section;

  FrameType(int code, int definedFlags, StreamAssociation streams, int fixedLength, String section) {
    this.code = code;
    this.definedFlags = definedFlags;
    this.streams = streams;
    this.fixedLength = fixedLength;
    this.section = section;
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

  public boolean hasFixedLength() {
    return fixedLength >= 0;
  }

  /**
   * Octets of fixed fields between the Pad Length octet (if any) and the content: the priority
   * fields of HEADERS with PRIORITY (RFC 9113 §6.2), the Promised Stream ID of PUSH_PROMISE (§6.6).
   */
  public int fixedFields(int flags) {
    return this == PUSH_PROMISE ? 4 : this == HEADERS && Flags.has(flags, Flags.PRIORITY) ? 5 : 0;
  }

  /**
   * Octets of the payload before the content (DATA's data, a header block fragment, or the whole
   * payload of the other types): the Pad Length octet when PADDED is defined and set, then the fixed fields.
   */
  public int contentStart(int flags) {
    return (Flags.has(definedFlags & flags, Flags.PADDED) ? 1 : 0) + fixedFields(flags);
  }

  /**
   * Why this type must not be on {@code streamId}, or null when it may. RFC 9113 treats a violation
   * as a connection error of type PROTOCOL_ERROR for every type (§6.1-§6.10).
   */
  public String streamProblem(int streamId) {
    if (streams.allows(streamId)) {
      return null;
    }
    return streams == StreamAssociation.STREAM ? name() + " on stream 0 (RFC 9113 §" + section + ")"
        : name() + " on stream " + streamId + ", must be 0 (RFC 9113 §" + section + ")";
  }

  /** {@link #streamProblem} for any type code; unknown types may be on any stream (§5.5). */
  public static String streamProblem(int typeCode, int streamId) {
    FrameType t = of(typeCode);
    return t == null ? null : t.streamProblem(streamId);
  }
}
