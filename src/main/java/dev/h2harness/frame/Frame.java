package dev.h2harness.frame;

import java.util.List;

/**
 * The typed view of a frame: one record per RFC 9113 §6 frame type, plus {@link Unknown} for
 * types the RFC does not define (§5.5: legal, ignored). Unknown flag bits stay in {@code flags},
 * reserved bits inside payloads stay in the raw fields ({@code *Field} components). The R bit of the
 * frame header's stream field is kept only by {@link RawFrame}, the lossless level.
 *
 * <p>Records do not validate their combination of flags and fields, so that a test can build an
 * inconsistent frame; {@link FrameWriter#write} refuses those unless asked for illegal output.
 */
public sealed interface Frame {
  int typeCode();

  int flags();

  int streamId();

  /** The octets after the 9-octet header, as the fields say (the length field's value). */
  int payloadLength();

  /** Writes the payload octets at {@code at}; {@code out} has room for {@link #payloadLength()}. */
  void writePayload(byte[] out, int at);

  default boolean hasFlag(int flag) {
    return (flags() & flag) != 0;
  }

  default String typeName() {
    return FrameType.nameOf(typeCode());
  }

  /** RFC 9113 §6.1. {@code padding} is present exactly when the PADDED flag is set. */
  record Data(int flags, int streamId, Bytes data, Padding padding) implements Frame {
    @Override public int payloadLength() {
      return Wire.padded(padding) + data.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.writePadded(out, at, padding, null, data);
    }

    public static Data of(int streamId, Bytes data, boolean endStream) {
      return new Data(endStream ? Flags.END_STREAM : 0, streamId, data, null);
    }

    /** A DATA frame as nghttp2 writes it for {@code padlen} (0 = unpadded, 1..256). */
    public static Data padded(int streamId, Bytes data, boolean endStream, int padlen) {
      int flags = (endStream ? Flags.END_STREAM : 0) | (padlen > 0 ? Flags.PADDED : 0);
      return new Data(flags, streamId, data, padlen > 0 ? Padding.ofPadlen(padlen) : null);
    }

    /** nghttp2's padlen: 0 when unpadded, else the Pad Length octet plus padding octets. */
    public int padlen() {
      return padding == null ? 0 : padding.padlen();
    }

    /** The payload length the frame header carries and flow control charges (§6.9.1). */
    public int flowControlledLength() {
      return data.length() + padlen();
    }

    @Override public int typeCode() {
      return FrameType.DATA.code;
    }
  }

  /** RFC 9113 §6.2. {@code priority} is present exactly when the PRIORITY flag is set. */
  record Headers(int flags, int streamId, PrioritySpec priority, Bytes fragment, Padding padding)
      implements Frame {
    @Override public int payloadLength() {
      return Wire.padded(padding) + (priority != null ? 5 : 0) + fragment.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.writePadded(out, at, padding, priority, fragment);
    }

    public static Headers of(int streamId, Bytes fragment, boolean endStream) {
      int flags = Flags.END_HEADERS | (endStream ? Flags.END_STREAM : 0);
      return new Headers(flags, streamId, null, fragment, null);
    }

    @Override public int typeCode() {
      return FrameType.HEADERS.code;
    }
  }

  /** RFC 9113 §6.3. */
  record Priority(int flags, int streamId, PrioritySpec priority) implements Frame {
    @Override public int payloadLength() {
      return 5;
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.writePriority(out, at, priority);
    }

    @Override public int typeCode() {
      return FrameType.PRIORITY.code;
    }
  }

  /** RFC 9113 §6.4. {@code errorCode} is the unsigned 32-bit wire value. */
  record RstStream(int flags, int streamId, long errorCode) implements Frame {
    @Override public int payloadLength() {
      return 4;
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.int32(out, at, (int) errorCode);
    }

    public static RstStream of(int streamId, ErrorCode code) {
      return new RstStream(0, streamId, code.code);
    }

    @Override public int typeCode() {
      return FrameType.RST_STREAM.code;
    }
  }

  /** RFC 9113 §6.5. */
  record Settings(int flags, int streamId, List<Setting> settings) implements Frame {
    @Override public int payloadLength() {
      return 6 * settings.size();
    }

    @Override public void writePayload(byte[] out, int at) {
      for (Setting s : settings) {
        out[at++] = (byte) (s.id() >>> 8);
        out[at++] = (byte) s.id();
        Wire.int32(out, at, (int) s.value());
        at += 4;
      }
    }

    public Settings {
      settings = List.copyOf(settings);
    }

    public static Settings of(Setting... settings) {
      return new Settings(0, 0, List.of(settings));
    }

    public static Settings ack() {
      return new Settings(Flags.ACK, 0, List.of());
    }

    public boolean isAck() {
      return hasFlag(Flags.ACK);
    }

    @Override public int typeCode() {
      return FrameType.SETTINGS.code;
    }
  }

  /** RFC 9113 §6.6. {@code promisedField} keeps the reserved bit as bit 31. */
  record PushPromise(int flags, int streamId, int promisedField, Bytes fragment, Padding padding)
      implements Frame {
    @Override public int payloadLength() {
      return Wire.padded(padding) + 4 + fragment.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      if (padding != null) out[at++] = (byte) padding.padLength();
      Wire.int32(out, at, promisedField);
      fragment.copyTo(out, at + 4);
      if (padding != null) padding.octets().copyTo(out, at + 4 + fragment.length());
    }

    public int promisedStreamId() {
      return promisedField & 0x7fffffff;
    }

    @Override public int typeCode() {
      return FrameType.PUSH_PROMISE.code;
    }
  }

  /** RFC 9113 §6.7. */
  record Ping(int flags, int streamId, Bytes opaque) implements Frame {
    @Override public int payloadLength() {
      return opaque.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      opaque.copyTo(out, at);
    }

    public static Ping of(Bytes opaque, boolean ack) {
      return new Ping(ack ? Flags.ACK : 0, 0, opaque);
    }

    public boolean isAck() {
      return hasFlag(Flags.ACK);
    }

    @Override public int typeCode() {
      return FrameType.PING.code;
    }
  }

  /** RFC 9113 §6.8. {@code lastStreamField} keeps the reserved bit as bit 31. */
  record GoAway(int flags, int streamId, int lastStreamField, long errorCode, Bytes debugData)
      implements Frame {
    @Override public int payloadLength() {
      return 8 + debugData.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.int32(out, at, lastStreamField);
      Wire.int32(out, at + 4, (int) errorCode);
      debugData.copyTo(out, at + 8);
    }

    public static GoAway of(int lastStreamId, ErrorCode code, String debug) {
      return new GoAway(0, 0, lastStreamId, code.code, Bytes.ascii(debug));
    }

    public int lastStreamId() {
      return lastStreamField & 0x7fffffff;
    }

    @Override public int typeCode() {
      return FrameType.GOAWAY.code;
    }
  }

  /** RFC 9113 §6.9. {@code incrementField} keeps the reserved bit as bit 31. */
  record WindowUpdate(int flags, int streamId, int incrementField) implements Frame {
    @Override public int payloadLength() {
      return 4;
    }

    @Override public void writePayload(byte[] out, int at) {
      Wire.int32(out, at, incrementField);
    }

    public static WindowUpdate of(int streamId, int increment) {
      return new WindowUpdate(0, streamId, increment);
    }

    public int increment() {
      return incrementField & 0x7fffffff;
    }

    @Override public int typeCode() {
      return FrameType.WINDOW_UPDATE.code;
    }
  }

  /** RFC 9113 §6.10. */
  record Continuation(int flags, int streamId, Bytes fragment) implements Frame {
    @Override public int payloadLength() {
      return fragment.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      fragment.copyTo(out, at);
    }

    @Override public int typeCode() {
      return FrameType.CONTINUATION.code;
    }
  }

  /** A frame of a type RFC 9113 does not define, kept with its raw payload (§5.5). */
  record Unknown(int typeCode, int flags, int streamId, Bytes payload) implements Frame {
    @Override public int payloadLength() {
      return payload.length();
    }

    @Override public void writePayload(byte[] out, int at) {
      payload.copyTo(out, at);
    }

  }
}
