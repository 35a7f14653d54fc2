package dev.h2harness.frame;

import java.util.StringJoiner;

/** Flag bits of RFC 9113 §6, and which of them each frame type defines. */
public final class Flags {
  public static final int END_STREAM = 0x01;
  public static final int ACK = 0x01;
  public static final int END_HEADERS = 0x04;
  public static final int PADDED = 0x08;
  public static final int PRIORITY = 0x20;

  private Flags() {}

  public static boolean has(int flags, int flag) {
    return (flags & flag) != 0;
  }

  /** The flags defined for a frame type ({@link FrameType#definedFlags}); 0 for unknown types (§5.5). */
  public static int definedFor(int typeCode) {
    FrameType t = FrameType.of(typeCode);
    return t == null ? 0 : t.definedFlags;
  }

  /** Flag names for a frame log, e.g. {@code END_STREAM|PADDED}; unknown bits as hex. */
  public static String describe(int typeCode, int flags) {
    StringJoiner j = new StringJoiner("|");
    int defined = definedFor(typeCode);
    FrameType t = FrameType.of(typeCode);
    boolean ackType = t == FrameType.SETTINGS || t == FrameType.PING;
    if ((flags & defined & 0x01) != 0) j.add(ackType ? "ACK" : "END_STREAM");
    if ((flags & defined & END_HEADERS) != 0) j.add("END_HEADERS");
    if ((flags & defined & PADDED) != 0) j.add("PADDED");
    if ((flags & defined & PRIORITY) != 0) j.add("PRIORITY");
    int unknown = flags & ~defined & 0xff;
    if (unknown != 0) j.add(String.format("0x%02x", unknown));
    return j.toString();
  }
}
