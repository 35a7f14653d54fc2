package dev.h2harness.capture;

import java.util.Arrays;

/**
 * One TCP segment taken out of a link-layer packet: endpoints (address octets and port), sequence
 * number, flags and payload. Packets that are not TCP over IPv4/IPv6 give none.
 */
record TcpSegment(long epochNanos, byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort, long seq,
                  int flags, byte[] payload) {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;

  /** The link types read: Ethernet, BSD loopback, raw IP, Linux cooked v1 and v2. */
  static TcpSegment parse(Packet p) {
    byte[] d = p.data();
    int ip;
    switch (p.linkType()) {
      case 1 -> { // LINKTYPE_ETHERNET
        int at = 12;
        int ethertype = u16(d, at);
        while (ethertype == 0x8100 || ethertype == 0x88a8) { // 802.1Q / 802.1ad tags
          at += 4;
          ethertype = u16(d, at);
        }
        if (ethertype != 0x0800 && ethertype != 0x86dd) return null;
        ip = at + 2;
      }
      case 0, 108 -> ip = 4; // LINKTYPE_NULL, LINKTYPE_LOOP: a 4-octet family, then IP
      case 101, 12, 14, 228, 229 -> ip = 0; // raw IP
      case 113 -> ip = 16; // LINKTYPE_LINUX_SLL
      case 276 -> ip = 20; // LINKTYPE_LINUX_SLL2
      default -> {
        return null;
      }
    }
    if (d.length < ip + 20) return null;
    int version = (d[ip] & 0xff) >> 4;
    int tcp;
    int end;
    byte[] src;
    byte[] dst;
    if (version == 4) {
      int ihl = (d[ip] & 0x0f) * 4;
      if ((d[ip + 9] & 0xff) != 6) return null;
      if ((u16(d, ip + 6) & 0x1fff) != 0 || (u16(d, ip + 6) & 0x2000) != 0) return null; // fragments
      end = Math.min(d.length, ip + u16(d, ip + 2));
      src = Arrays.copyOfRange(d, ip + 12, ip + 16);
      dst = Arrays.copyOfRange(d, ip + 16, ip + 20);
      tcp = ip + ihl;
    } else if (version == 6) {
      if (d.length < ip + 40 || (d[ip + 6] & 0xff) != 6) return null; // no extension headers
      end = Math.min(d.length, ip + 40 + u16(d, ip + 4));
      src = Arrays.copyOfRange(d, ip + 8, ip + 24);
      dst = Arrays.copyOfRange(d, ip + 24, ip + 40);
      tcp = ip + 40;
    } else {
      return null;
    }
    if (end < tcp + 20) return null;
    int dataAt = tcp + ((d[tcp + 12] & 0xff) >> 4) * 4;
    if (dataAt > end) return null;
    long seq = ((long) u16(d, tcp + 4) << 16 | u16(d, tcp + 6)) & 0xffffffffL;
    return new TcpSegment(p.epochNanos(), src, u16(d, tcp), dst, u16(d, tcp + 2), seq, d[tcp + 13] & 0xff,
        Arrays.copyOfRange(d, dataAt, end));
  }

  /** {@code address:port} of the sender, as a map key. */
  String source() {
    return endpoint(srcAddr, srcPort);
  }

  String destination() {
    return endpoint(dstAddr, dstPort);
  }

  static String endpoint(byte[] addr, int port) {
    StringBuilder s = new StringBuilder();
    if (addr.length == 4) {
      for (int i = 0; i < 4; i++) s.append(i == 0 ? "" : ".").append(addr[i] & 0xff);
    } else {
      s.append('[');
      for (int i = 0; i < addr.length; i += 2) s.append(i == 0 ? "" : ":").append(Integer.toHexString(u16(addr, i)));
      s.append(']');
    }
    return s.append(':').append(port).toString();
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
