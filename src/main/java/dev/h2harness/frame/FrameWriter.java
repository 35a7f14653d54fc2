package dev.h2harness.frame;

/**
 * Serialises frames. {@link #write} is strict: it refuses a frame whose fields disagree with its
 * flags or whose stream id the type forbids (the Go x/net/http2 idea: strict unless told).
 * {@link #writeLenient} serialises any typed frame as its fields say, and {@link #writeRaw} any
 * header with any payload, so that a scripted peer can send exactly the malformed bytes it wants.
 */
public final class FrameWriter {
  /** The largest payload a 24-bit length field can announce. */
  public static final int MAX_LENGTH = 0xffffff;

  private FrameWriter() {}

  /** The frame's bytes; IllegalArgumentException names the rule a strict writer enforces. */
  public static byte[] write(Frame f) {
    String why = FrameRules.violation(f);
    if (why != null) {
      throw new IllegalArgumentException("refusing to write " + f.typeName() + ": " + why);
    }
    return writeLenient(f);
  }

  /** The frame's bytes as its fields say, legal or not (the length field is always truthful). */
  public static byte[] writeLenient(Frame f) {
    int length = f.payloadLength();
    byte[] out = new byte[FrameHeader.SIZE + length];
    header(f, length).writeTo(out, 0);
    f.writePayload(out, FrameHeader.SIZE);
    return out;
  }

  /** The 9-octet header {@link #writeLenient} writes for {@code f}. */
  public static FrameHeader header(Frame f) {
    return header(f, f.payloadLength());
  }

  private static FrameHeader header(Frame f, int length) {
    return new FrameHeader(length, f.typeCode(), f.flags(), f.streamId());
  }

  /** Any header with any payload: the length field need not match the payload's length. */
  public static byte[] writeRaw(FrameHeader header, Bytes payload) {
    byte[] out = new byte[FrameHeader.SIZE + payload.length()];
    header.writeTo(out, 0);
    payload.copyTo(out, FrameHeader.SIZE);
    return out;
  }

  public static byte[] writeRaw(RawFrame raw) {
    return writeRaw(raw.header(), raw.payload());
  }

  /** The raw view of a typed frame: what {@link #writeLenient} would put on the wire. */
  public static RawFrame toRaw(Frame f) {
    byte[] b = writeLenient(f);
    return new RawFrame(FrameHeader.parse(b, 0), Bytes.wrap(b, FrameHeader.SIZE, b.length - FrameHeader.SIZE));
  }
}
