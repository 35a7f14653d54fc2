package dev.h2harness.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-built classic pcap files and packets, for the reader's tests. */
final class PcapFiles {
  private PcapFiles() {}

  static final byte[] A = {10, 0, 0, 1};
  static final byte[] B = {10, 0, 0, 2};

  /** A classic little-endian microsecond pcap file of {@code linkType} holding {@code packets}. */
  static byte[] classic(int linkType, byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
    out.writeBytes(h.array());
    int t = 0;
    for (byte[] p : packets) {
      ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      r.putInt(1_700_000_000).putInt(t++).putInt(p.length).putInt(p.length);
      out.writeBytes(r.array());
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** An IPv4/TCP packet (no checksums: the reader does not need them). */
  static byte[] ipv4(byte[] src, int sport, byte[] dst, int dport, long seq, int flags, byte[] payload) {
    ByteBuffer p = ByteBuffer.allocate(40 + payload.length);
    p.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) 0).putShort((short) 0x4000)
        .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
    p.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0).put((byte) 0x50).put((byte) flags)
        .putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(payload);
    return p.array();
  }

  /** {@code ip} behind an Ethernet header (IPv4 ethertype), with trailing padding as short frames carry. */
  static byte[] ethernet(byte[] ip) {
    ByteBuffer p = ByteBuffer.allocate(14 + ip.length + 6);
    p.put(new byte[12]).putShort((short) 0x0800).put(ip);
    return p.array();
  }

  /** {@code ip} behind a Linux cooked (SLL) header. */
  static byte[] sll(byte[] ip) {
    ByteBuffer p = ByteBuffer.allocate(16 + ip.length);
    p.putShort((short) 0).putShort((short) 772).putShort((short) 0).put(new byte[8]).putShort((short) 0x0800).put(ip);
    return p.array();
  }
}
