package dev.h2harness.capture;

import dev.h2harness.check.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a {@link Recording} as pcapng (one section, one raw-IPv4 interface, nanosecond
 * timestamps) with synthetic TCP framing: a handshake, each segment as one or more data packets
 * with the right sequence and acknowledgement numbers, and FINs at the end. Little-endian blocks,
 * as the format allows; every octet is written here so that the bytes are exactly known.
 */
public final class PcapngWriter {
  /** The client's synthetic endpoint. */
  public static final byte[] CLIENT_ADDRESS = {127, 0, 0, 1};
  public static final int CLIENT_PORT = 49152;
  /** The server's synthetic endpoint; tshark decodes it with {@code -d tcp.port==8080,http2}. */
  public static final byte[] SERVER_ADDRESS = {127, 0, 0, 2};
  public static final int SERVER_PORT = 8080;
  /** Largest TCP payload per packet: well under the IPv4 total-length limit. */
  static final int MAX_SEGMENT = 32768;
  static final int LINKTYPE_RAW = 101;
  private static final int CLIENT_ISN = 1000;
  private static final int SERVER_ISN = 5000;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int ipId;

  private PcapngWriter() {}

  /** Writes {@code r} to {@code file}, replacing it. */
  public static void write(Recording r, Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file)) {
      os.write(toBytes(r));
    }
  }

  /** The whole pcapng file for {@code r}. */
  public static byte[] toBytes(Recording r) {
    PcapngWriter w = new PcapngWriter();
    w.sectionHeader(r);
    w.interfaceDescription();
    w.packets(r);
    return w.out.toByteArray();
  }

  /** The second section comment: which scenario ran, so that {@code replay} can find its oracle. */
  public static final String SCENARIO_COMMENT = "h2harness-scenario: ";

  /** The comment the section header carries: what it is and how Wireshark should decode it. */
  public static String comment(Recording r) {
    return "h2harness: " + r.name() + (r.comment().isEmpty() ? "" : " (" + r.comment() + ")")
        + "; judged side: " + (r.targetIsServer() ? "server" : "client")
        + "; plaintext HTTP/2 (TLS runs as the harness saw them); decode as: tcp.port==" + SERVER_PORT + ",http2";
  }

  private void sectionHeader(Recording r) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer fixed = le(16);
    fixed.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
    body.writeBytes(fixed.array());
    option(body, 1, comment(r).getBytes(StandardCharsets.UTF_8)); // opt_comment
    option(body, 1, (SCENARIO_COMMENT + r.name()).getBytes(StandardCharsets.UTF_8)); // machine-readable
    option(body, 4, "h2harness".getBytes(StandardCharsets.UTF_8)); // shb_userappl
    option(body, 0, new byte[0]); // opt_endofopt
    block(0x0A0D0D0A, body.toByteArray());
  }

  private void interfaceDescription() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer fixed = le(8);
    fixed.putShort((short) LINKTYPE_RAW).putShort((short) 0).putInt(0); // snaplen 0: no limit
    body.writeBytes(fixed.array());
    option(body, 9, new byte[] {9}); // if_tsresol: 10^-9 s
    option(body, 0, new byte[0]);
    block(1, body.toByteArray());
  }

  private void packets(Recording r) {
    long t = r.startEpochNanos();
    Direction client = r.clientDirection();
    long clientSeq = CLIENT_ISN;
    long serverSeq = SERVER_ISN;
    tcp(t, true, clientSeq, 0, SYN, new byte[0]);
    clientSeq++;
    tcp(t, false, serverSeq, clientSeq, SYN | ACK, new byte[0]);
    serverSeq++;
    tcp(t, true, clientSeq, serverSeq, ACK, new byte[0]);
    long last = 0;
    for (Recording.Segment s : r.segments()) {
      last = Math.max(last, s.nanos());
      boolean fromClient = s.direction() == client;
      byte[] b = s.bytes();
      for (int off = 0; off < b.length; off += MAX_SEGMENT) {
        byte[] part = Arrays.copyOfRange(b, off, Math.min(b.length, off + MAX_SEGMENT));
        if (fromClient) {
          tcp(t + last, true, clientSeq, serverSeq, PSH | ACK, part);
          clientSeq += part.length;
        } else {
          tcp(t + last, false, serverSeq, clientSeq, PSH | ACK, part);
          serverSeq += part.length;
        }
      }
    }
    // The target's FIN (then the peer's) when it closed; otherwise only the peer's, as the harness
    // ended the connection and the target's reply to that is not part of the capture.
    long end = t + last + 1000;
    boolean targetFromClient = !r.targetIsServer();
    boolean closerIsClient = r.targetClosed() ? targetFromClient : !targetFromClient;
    tcp(end, closerIsClient, closerIsClient ? clientSeq : serverSeq, closerIsClient ? serverSeq : clientSeq, FIN | ACK, new byte[0]);
    if (closerIsClient) clientSeq++; else serverSeq++;
    if (r.targetClosed()) {
      tcp(end, !closerIsClient, closerIsClient ? serverSeq : clientSeq, closerIsClient ? clientSeq : serverSeq, FIN | ACK, new byte[0]);
    }
  }

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  /** One IPv4/TCP packet in an Enhanced Packet Block. */
  private void tcp(long epochNanos, boolean fromClient, long seq, long ack, int flags, byte[] payload) {
    byte[] src = fromClient ? CLIENT_ADDRESS : SERVER_ADDRESS;
    byte[] dst = fromClient ? SERVER_ADDRESS : CLIENT_ADDRESS;
    int total = 20 + 20 + payload.length;
    ByteBuffer p = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
    p.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) (ipId++ & 0xffff))
        .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
    p.putShort(10, (short) checksum(p.array(), 0, 20, 0));
    int tcpAt = 20;
    p.putShort((short) (fromClient ? CLIENT_PORT : SERVER_PORT)).putShort((short) (fromClient ? SERVER_PORT : CLIENT_PORT))
        .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 0xffff)
        .putShort((short) 0).putShort((short) 0).put(payload);
    long pseudo = sum(src, 0, 4) + sum(dst, 0, 4) + 6 + (20 + payload.length);
    p.putShort(tcpAt + 16, (short) checksum(p.array(), tcpAt, 20 + payload.length, pseudo));
    enhancedPacket(epochNanos, p.array());
  }

  private void enhancedPacket(long epochNanos, byte[] packet) {
    int padded = (packet.length + 3) & ~3;
    ByteBuffer b = le(20 + padded);
    b.putInt(0).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos).putInt(packet.length).putInt(packet.length);
    b.put(packet);
    block(6, b.array());
  }

  /** Block type, total length, body, total length again (pcapng §3.1). */
  private void block(int type, byte[] body) {
    ByteBuffer b = le(12 + body.length);
    b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
    out.writeBytes(b.array());
  }

  private static void option(ByteArrayOutputStream body, int code, byte[] value) {
    ByteBuffer b = le(4 + ((value.length + 3) & ~3));
    b.putShort((short) code).putShort((short) value.length).put(value);
    body.writeBytes(b.array());
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The Internet checksum (RFC 1071) of {@code len} octets plus an initial sum. */
  static int checksum(byte[] b, int off, int len, long initial) {
    long s = initial + sum(b, off, len);
    while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
    return (int) (~s & 0xffff);
  }

  private static long sum(byte[] b, int off, int len) {
    long s = 0;
    for (int i = 0; i + 1 < len; i += 2) s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
    if ((len & 1) == 1) s += (b[off + len - 1] & 0xff) << 8;
    return s;
  }
}
