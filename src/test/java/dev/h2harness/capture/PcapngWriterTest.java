package dev.h2harness.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Direction;
import dev.h2harness.frame.FrameReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcapngWriterTest {
  private static final long T0 = 1_700_000_000_123_456_789L;

  private static Recording sample(boolean targetIsServer, boolean targetClosed) {
    Random rnd = new Random(7);
    byte[] big = new byte[100_000];
    rnd.nextBytes(big);
    byte[] preface = FrameReader.CLIENT_PREFACE.toArray();
    Direction client = targetIsServer ? Direction.TO_TARGET : Direction.FROM_TARGET;
    Direction server = targetIsServer ? Direction.FROM_TARGET : Direction.TO_TARGET;
    return new Recording("padding/x", "a title", targetIsServer, T0, List.of(
        new Recording.Segment(client, 1000, preface),
        new Recording.Segment(server, 2000, new byte[] {1, 2, 3}),
        new Recording.Segment(client, 3000, new byte[] {4}),
        new Recording.Segment(server, 4000, big)), targetClosed);
  }

  @Test
  void blocksAreWellFormedAndTheSectionCarriesTheDecodeAsComment() throws Exception {
    byte[] f = PcapngWriter.toBytes(sample(true, true));
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x0A0D0D0A, b.getInt(0));
    assertEquals(0x1A2B3C4D, b.getInt(8));
    int at = 0;
    int blocks = 0;
    while (at < f.length) {
      int len = b.getInt(at + 4);
      assertEquals(0, len % 4, "block at " + at);
      assertEquals(len, b.getInt(at + len - 4), "trailing length of block at " + at);
      at += len;
      blocks++;
    }
    assertEquals(f.length, at);
    // SHB, IDB, 3 handshake, 4 data segments of which the 100000-octet one is 4 packets, 2 FINs
    assertEquals(2 + 3 + 3 + 4 + 2, blocks); // the target closed: both FINs
    String text = new String(f, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("h2harness: padding/x (a title)"), "comment");
    assertTrue(text.contains("decode as: tcp.port==8080,http2"), "decode-as hint");
  }

  @Test
  void ipAndTcpChecksumsVerify() throws Exception {
    for (Packet p : PcapReader.read(PcapngWriter.toBytes(sample(true, false)))) {
      byte[] d = p.data();
      assertEquals(101, p.linkType());
      assertEquals(0, PcapngWriter.checksum(d, 0, 20, 0), "IPv4 header checksum");
      long pseudo = sum16(d, 12, 8) + 6 + (d.length - 20);
      assertEquals(0, PcapngWriter.checksum(d, 20, d.length - 20, pseudo), "TCP checksum");
    }
  }

  private static long sum16(byte[] b, int off, int len) {
    long s = 0;
    for (int i = 0; i < len; i += 2) s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
    return s;
  }

  @Test
  void sequenceAndAcknowledgementNumbersFollowTheOctetsSent() throws Exception {
    List<Packet> ps = PcapReader.read(PcapngWriter.toBytes(sample(true, false)));
    // after the handshake: client preface at seq 1001 acking 5001, server's 3 octets at 5001 acking 1025
    ByteBuffer preface = ByteBuffer.wrap(ps.get(3).data());
    assertEquals(1001, preface.getInt(24));
    assertEquals(5001, preface.getInt(28));
    ByteBuffer reply = ByteBuffer.wrap(ps.get(4).data());
    assertEquals(5001, reply.getInt(24));
    assertEquals(1025, reply.getInt(28));
    ByteBuffer one = ByteBuffer.wrap(ps.get(5).data());
    assertEquals(1025, one.getInt(24));
    assertEquals(5004, one.getInt(28));
    assertEquals(T0 + 1000, ps.get(3).epochNanos(), "nanosecond timestamps kept");
  }

  @Test
  void readingBackReassemblesBothDirectionsAndTheCloser() throws Exception {
    for (boolean server : new boolean[] {true, false}) {
      for (boolean closed : new boolean[] {true, false}) {
        Recording r = sample(server, closed);
        Recording back = TcpReassembler.reassemble(PcapReader.read(PcapngWriter.toBytes(r)), server, "x");
        assertArrayEquals(r.bytes(Direction.TO_TARGET), back.bytes(Direction.TO_TARGET));
        assertArrayEquals(r.bytes(Direction.FROM_TARGET), back.bytes(Direction.FROM_TARGET));
        assertEquals(closed, back.targetClosed(), "server " + server + " closed " + closed);
        assertEquals(3000 - 1000, back.segments().get(2).nanos(), "times relative to the first payload");
      }
    }
  }

  @Test
  void classicPcapOverEthernetWithRetransmissionAndReorderingIsReassembled() throws Exception {
    byte[] preface = FrameReader.CLIENT_PREFACE.toArray();
    byte[] a = java.util.Arrays.copyOfRange(preface, 0, 10);
    byte[] b = java.util.Arrays.copyOfRange(preface, 10, 24);
    byte[] file = PcapFiles.classic(1,
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.A, 5000, PcapFiles.B, 80, 99, 0x02, new byte[0])),
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.A, 5000, PcapFiles.B, 80, 110, 0x18, b)), // early
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.A, 5000, PcapFiles.B, 80, 100, 0x18, a)),
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.A, 5000, PcapFiles.B, 80, 100, 0x18, a)), // again
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.B, 80, PcapFiles.A, 5000, 7, 0x18, new byte[] {9, 9})),
        PcapFiles.ethernet(PcapFiles.ipv4(PcapFiles.B, 80, PcapFiles.A, 5000, 9, 0x11, new byte[0])));
    Recording r = TcpReassembler.reassemble(PcapReader.read(file), true, "x");
    assertArrayEquals(preface, r.bytes(Direction.TO_TARGET));
    assertArrayEquals(new byte[] {9, 9}, r.bytes(Direction.FROM_TARGET));
    assertTrue(r.targetClosed());
  }

  @Test
  void theClientIsTheSideThatSentThePrefaceWhateverTheLinkType() throws Exception {
    byte[] preface = FrameReader.CLIENT_PREFACE.toArray();
    byte[] file = PcapFiles.classic(113, // Linux cooked: the server's octets come first, no SYN seen
        PcapFiles.sll(PcapFiles.ipv4(PcapFiles.B, 80, PcapFiles.A, 5000, 1, 0x18, new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0})),
        PcapFiles.sll(PcapFiles.ipv4(PcapFiles.A, 5000, PcapFiles.B, 80, 1, 0x18, preface)));
    Recording asServer = TcpReassembler.reassemble(PcapReader.read(file), true, "x");
    assertArrayEquals(preface, asServer.bytes(Direction.TO_TARGET));
    Recording asClient = TcpReassembler.reassemble(PcapReader.read(file), false, "x");
    assertArrayEquals(preface, asClient.bytes(Direction.FROM_TARGET));
  }

  @Test
  void rawIpv6SegmentsAreRead() throws Exception {
    byte[] preface = FrameReader.CLIENT_PREFACE.toArray();
    ByteBuffer p = ByteBuffer.allocate(40 + 20 + preface.length);
    p.put((byte) 0x60).put(new byte[3]).putShort((short) (20 + preface.length)).put((byte) 6).put((byte) 64);
    byte[] a = new byte[16];
    a[15] = 1;
    byte[] b = new byte[16];
    b[15] = 2;
    p.put(a).put(b);
    p.putShort((short) 40000).putShort((short) 443).putInt(77).putInt(0).put((byte) 0x50).put((byte) 0x18)
        .putShort((short) 1000).putInt(0).put(preface);
    Recording r = TcpReassembler.reassemble(PcapReader.read(PcapFiles.classic(101, p.array())), true, "v6");
    assertArrayEquals(preface, r.bytes(Direction.TO_TARGET));
    assertTrue(r.comment().contains("[0:0:0:0:0:0:0:1]:40000"), r.comment());
  }

  @Test
  void brokenFilesNameTheOffset() {
    byte[] good = PcapngWriter.toBytes(sample(true, false));
    CaptureFormatException cut = assertThrows(CaptureFormatException.class,
        () -> PcapReader.read(java.util.Arrays.copyOf(good, good.length - 2)));
    assertTrue(cut.offset() > 0 && cut.offset() < good.length, "offset " + cut.offset());
    CaptureFormatException magic = assertThrows(CaptureFormatException.class,
        () -> PcapReader.read("hello world".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(0, magic.offset());
    byte[] truncatedRecord = PcapFiles.classic(1, new byte[40]);
    CaptureFormatException rec = assertThrows(CaptureFormatException.class,
        () -> PcapReader.read(java.util.Arrays.copyOf(truncatedRecord, truncatedRecord.length - 1)));
    assertEquals(24 + 8, rec.offset());
    assertFalse(rec.getMessage().isEmpty());
    CaptureFormatException noTcp = assertThrows(CaptureFormatException.class,
        () -> TcpReassembler.reassemble(List.of(), true, "x"));
    assertTrue(noTcp.getMessage().contains("no TCP"));
  }
}
