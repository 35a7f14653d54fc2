package dev.h2harness.capture;

import dev.h2harness.check.Direction;
import dev.h2harness.frame.FrameReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one TCP connection of a capture back together, both directions, in the order the octets
 * became contiguous: retransmitted octets are dropped, segments that arrived early wait for the
 * gap to fill. The connection is the first whose client sent the HTTP/2 preface, or else the first
 * that carried any payload. The client is the side that sent the preface (or else the SYN).
 */
public final class TcpReassembler {
  private TcpReassembler() {}

  /**
   * @param targetIsServer which side the recording judges
   * @param name the recording's name
   */
  public static Recording reassemble(List<Packet> packets, boolean targetIsServer, String name)
      throws CaptureFormatException {
    Map<String, List<TcpSegment>> connections = new LinkedHashMap<>();
    for (Packet p : packets) {
      TcpSegment s = TcpSegment.parse(p);
      if (s == null) continue;
      connections.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
    }
    if (connections.isEmpty()) {
      throw new CaptureFormatException(0, "no TCP segment over IPv4 or IPv6 in " + packets.size() + " packets");
    }
    Built chosen = null;
    for (List<TcpSegment> segs : connections.values()) {
      Built b = build(segs);
      if (b.prefaceSide != null) {
        chosen = b;
        break;
      }
      if (chosen == null && b.payloadOctets > 0) chosen = b;
    }
    if (chosen == null) throw new CaptureFormatException(0, "no TCP connection in the capture carried any payload");
    String client = chosen.prefaceSide != null ? chosen.prefaceSide : chosen.synSide != null ? chosen.synSide : chosen.firstSender;
    Direction clientDir = targetIsServer ? Direction.TO_TARGET : Direction.FROM_TARGET;
    Direction serverDir = clientDir == Direction.TO_TARGET ? Direction.FROM_TARGET : Direction.TO_TARGET;
    List<Recording.Segment> out = new ArrayList<>();
    long start = chosen.delivered.isEmpty() ? 0 : chosen.firstNanos;
    for (Delivery d : chosen.delivered) {
      out.add(new Recording.Segment(d.from.equals(client) ? clientDir : serverDir, d.nanos - start, d.bytes));
    }
    String target = targetIsServer ? other(chosen, client) : client;
    boolean targetClosed = chosen.finFrom.contains(target);
    String comment = "TCP " + client + " -> " + other(chosen, client)
        + (connections.size() > 1 ? " (one of " + connections.size() + " TCP connections in the file)" : "");
    return new Recording(name, comment, targetIsServer, start, out, targetClosed);
  }

  private record Delivery(String from, long nanos, byte[] bytes) {}

  /** One connection's reassembly. */
  private static final class Built {
    final List<Delivery> delivered = new ArrayList<>();
    final List<String> finFrom = new ArrayList<>();
    String prefaceSide;
    String synSide;
    String firstSender;
    long firstNanos;
    long payloadOctets;
    String a;
    String b;
  }

  /** Per direction: the next expected sequence number and segments waiting for a gap. */
  private static final class Side {
    Long next;
    final TreeMap<Long, TcpSegment> waiting = new TreeMap<>();
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
  }

  private static Built build(List<TcpSegment> segs) {
    Built b = new Built();
    Map<String, Side> sides = new LinkedHashMap<>();
    b.firstNanos = segs.get(0).epochNanos();
    for (TcpSegment s : segs) {
      String from = s.source();
      if (b.a == null) {
        b.a = from;
        b.b = s.destination();
      }
      Side side = sides.computeIfAbsent(from, k -> new Side());
      if ((s.flags() & TcpSegment.SYN) != 0) {
        side.next = (s.seq() + 1) & 0xffffffffL;
        if (b.synSide == null && (s.flags() & 0x10) == 0) b.synSide = from;
        continue;
      }
      if ((s.flags() & (TcpSegment.FIN | TcpSegment.RST)) != 0 && !b.finFrom.contains(from)) b.finFrom.add(from);
      if (s.payload().length == 0) continue;
      if (side.next == null) side.next = s.seq(); // the capture began mid-connection
      side.waiting.merge(s.seq(), s, (x, y) -> x.payload().length >= y.payload().length ? x : y);
      drain(b, from, side, s.epochNanos());
    }
    return b;
  }

  /** Delivers every waiting octet that is now contiguous, dropping what was delivered already. */
  private static void drain(Built b, String from, Side side, long nanos) {
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    while (!side.waiting.isEmpty()) {
      Map.Entry<Long, TcpSegment> e = side.waiting.firstEntry();
      long rel = (e.getKey() - side.next) << 32 >> 32; // signed distance, modulo 2^32
      if (rel > 0) break;
      side.waiting.pollFirstEntry();
      byte[] p = e.getValue().payload();
      if (-rel >= p.length) continue; // wholly a retransmission
      now.write(p, (int) -rel, p.length - (int) -rel);
      side.next = (side.next + p.length + rel) & 0xffffffffL;
    }
    if (now.size() == 0) return;
    byte[] bytes = now.toByteArray();
    if (b.firstSender == null) b.firstSender = from;
    if (b.delivered.isEmpty()) b.firstNanos = nanos;
    b.payloadOctets += bytes.length;
    if (side.head.size() < 24) {
      side.head.write(bytes, 0, Math.min(bytes.length, 24 - side.head.size()));
      if (side.head.size() == 24 && b.prefaceSide == null
          && Arrays.equals(side.head.toByteArray(), FrameReader.CLIENT_PREFACE.toArray())) {
        b.prefaceSide = from;
      }
    }
    b.delivered.add(new Delivery(from, nanos, bytes));
  }

  private static String other(Built b, String side) {
    return side.equals(b.a) ? b.b : b.a;
  }

  private static String key(TcpSegment s) {
    String x = s.source();
    String y = s.destination();
    return x.compareTo(y) < 0 ? x + " " + y : y + " " + x;
  }
}
