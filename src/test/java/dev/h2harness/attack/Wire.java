package dev.h2harness.attack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Raw frames and header blocks, written by hand so an attack can say what no encoder would. */
final class Wire {
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final int DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7,
      WINDOW_UPDATE = 8, CONTINUATION = 9;
  static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4;

  private Wire() {}

  static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
    int len = payload.length;
    out.write(len >>> 16);
    out.write(len >>> 8);
    out.write(len);
    out.write(type);
    out.write(flags);
    out.write(stream >>> 24 & 0x7f);
    out.write(stream >>> 16);
    out.write(stream >>> 8);
    out.write(stream);
    out.write(payload, 0, len);
  }

  static byte[] int32(long v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /** The client preface, an empty SETTINGS, and an ACK of the server's SETTINGS. */
  static byte[] openingBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PREFACE);
    frame(out, SETTINGS, 0, 0, new byte[0]);
    frame(out, SETTINGS, ACK, 0, new byte[0]);
    return out.toByteArray();
  }

  /**
   * A request's header block from the static table only (RFC 7541 Appendix A), so it is the same
   * octets on every stream and the HPACK contexts never drift: {@code :method GET|POST},
   * {@code :scheme http}, {@code :path}, {@code :authority}, and {@code extra} raw octets.
   */
  static byte[] request(String method, String path, String authority, byte[] extra) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(method.equals("POST") ? 0x83 : 0x82);
    b.write(0x86);
    literal(b, 4, path);
    literal(b, 1, authority);
    b.writeBytes(extra);
    return b.toByteArray();
  }

  /** Literal without indexing, indexed name (RFC 7541 §6.2.2), value shorter than 127 octets. */
  private static void literal(ByteArrayOutputStream b, int nameIndex, String value) {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    b.write(nameIndex);
    b.write(v.length);
    b.writeBytes(v);
  }
}
