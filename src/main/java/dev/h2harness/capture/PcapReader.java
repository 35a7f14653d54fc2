package dev.h2harness.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the packets of a pcapng file (Section Header, Interface Description, Enhanced and Simple
 * Packet blocks; other blocks skipped) or a classic pcap file (microsecond or nanosecond
 * variants, either byte order). Anything truncated or inconsistent is an error naming its offset.
 */
public final class PcapReader {
  private static final int PCAPNG_SHB = 0x0A0D0D0A;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

  private PcapReader() {}

  /** The packets of {@code file}'s contents, in file order. */
  public static List<Packet> read(byte[] file) throws CaptureFormatException {
    if (file.length < 4) throw new CaptureFormatException(0, "not a pcap or pcapng file: " + file.length + " octets");
    int be = ByteBuffer.wrap(file, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    if (be == PCAPNG_SHB) return pcapng(file);
    return switch (be) {
      case 0xa1b2c3d4 -> classic(file, ByteOrder.BIG_ENDIAN, 1000);
      case 0xd4c3b2a1 -> classic(file, ByteOrder.LITTLE_ENDIAN, 1000);
      case 0xa1b23c4d -> classic(file, ByteOrder.BIG_ENDIAN, 1);
      case 0x4d3cb2a1 -> classic(file, ByteOrder.LITTLE_ENDIAN, 1);
      default -> throw new CaptureFormatException(0, String.format("not a pcap or pcapng file: magic 0x%08x", be));
    };
  }

  private static List<Packet> classic(byte[] f, ByteOrder order, long nanosPerUnit) throws CaptureFormatException {
    if (f.length < 24) throw new CaptureFormatException(f.length, "pcap file header truncated");
    ByteBuffer b = ByteBuffer.wrap(f).order(order);
    int linkType = b.getInt(20) & 0x0fffffff;
    List<Packet> out = new ArrayList<>();
    int at = 24;
    while (at < f.length) {
      if (at + 16 > f.length) throw new CaptureFormatException(at, "pcap record header truncated");
      long sec = b.getInt(at) & 0xffffffffL;
      long frac = b.getInt(at + 4) & 0xffffffffL;
      int incl = b.getInt(at + 8);
      if (incl < 0 || at + 16L + incl > f.length) {
        throw new CaptureFormatException(at + 8, "pcap record of " + (incl & 0xffffffffL) + " octets runs past the end of the file");
      }
      out.add(new Packet(sec * 1_000_000_000L + frac * nanosPerUnit, linkType,
          Arrays.copyOfRange(f, at + 16, at + 16 + incl), at + 16));
      at += 16 + incl;
    }
    return out;
  }

  private static List<Packet> pcapng(byte[] f) throws CaptureFormatException {
    List<Packet> out = new ArrayList<>();
    ByteBuffer b = null;
    List<int[]> interfaces = new ArrayList<>(); // {linkType, tsresol code}
    Map<Integer, Long> unitsPerSecond = new HashMap<>();
    int at = 0;
    while (at < f.length) {
      if (at + 12 > f.length) throw new CaptureFormatException(at, "pcapng block header truncated");
      int typeBe = ByteBuffer.wrap(f, at, 4).order(ByteOrder.BIG_ENDIAN).getInt();
      if (typeBe == PCAPNG_SHB) {
        if (at + 12 > f.length) throw new CaptureFormatException(at, "section header truncated");
        int bomLe = ByteBuffer.wrap(f, at + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteOrder order = bomLe == BYTE_ORDER_MAGIC ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        b = ByteBuffer.wrap(f).order(order);
        if (b.getInt(at + 8) != BYTE_ORDER_MAGIC) {
          throw new CaptureFormatException(at + 8, "pcapng section header without the byte-order magic");
        }
        interfaces.clear();
        unitsPerSecond.clear();
      } else if (b == null) {
        throw new CaptureFormatException(at, "pcapng block before the first section header");
      }
      int type = b.getInt(at);
      int len = b.getInt(at + 4);
      if (len < 12 || (len & 3) != 0 || at + (long) len > f.length) {
        throw new CaptureFormatException(at + 4, "pcapng block length " + (len & 0xffffffffL) + " is invalid here");
      }
      if (b.getInt(at + len - 4) != len) {
        throw new CaptureFormatException(at + len - 4, "pcapng block's trailing length differs from its leading length");
      }
      switch (type) {
        case 1 -> {
          if (len < 20) throw new CaptureFormatException(at, "interface description block too short");
          int linkType = b.getShort(at + 8) & 0xffff;
          interfaces.add(new int[] {linkType});
          unitsPerSecond.put(interfaces.size() - 1, tsresol(b, at + 16, at + len - 4));
        }
        case 6 -> {
          if (len < 32) throw new CaptureFormatException(at, "enhanced packet block too short");
          int iface = b.getInt(at + 8);
          if (iface < 0 || iface >= interfaces.size()) {
            throw new CaptureFormatException(at + 8, "enhanced packet block names interface " + iface + " which was not described");
          }
          long ts = ((b.getInt(at + 12) & 0xffffffffL) << 32) | (b.getInt(at + 16) & 0xffffffffL);
          int caplen = b.getInt(at + 20);
          if (caplen < 0 || 28 + (long) caplen > len - 4) {
            throw new CaptureFormatException(at + 20, "enhanced packet's captured length " + (caplen & 0xffffffffL) + " exceeds its block");
          }
          out.add(new Packet(toNanos(ts, unitsPerSecond.get(iface)), interfaces.get(iface)[0],
              Arrays.copyOfRange(f, at + 28, at + 28 + caplen), at + 28));
        }
        case 3 -> {
          if (interfaces.isEmpty()) throw new CaptureFormatException(at, "simple packet block before any interface");
          int orig = b.getInt(at + 8);
          int caplen = Math.min(Math.max(orig, 0), len - 16);
          out.add(new Packet(0, interfaces.get(0)[0], Arrays.copyOfRange(f, at + 12, at + 12 + caplen), at + 12));
        }
        default -> { }
      }
      at += len;
    }
    return out;
  }

  /** The comments (opt_comment) of a pcapng file's first section header; none for classic pcap. */
  public static List<String> sectionComments(byte[] f) {
    List<String> out = new ArrayList<>();
    if (f.length < 28 || ByteBuffer.wrap(f, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt() != PCAPNG_SHB) return out;
    ByteOrder order = ByteBuffer.wrap(f, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == BYTE_ORDER_MAGIC
        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteBuffer b = ByteBuffer.wrap(f).order(order);
    int len = b.getInt(4);
    if (len < 28 || len > f.length) return out;
    int at = 24;
    while (at + 4 <= len - 4) {
      int code = b.getShort(at) & 0xffff;
      int olen = b.getShort(at + 2) & 0xffff;
      if (code == 0 || at + 4 + olen > len - 4) break;
      if (code == 1) out.add(new String(f, at + 4, olen, StandardCharsets.UTF_8));
      at += 4 + ((olen + 3) & ~3);
    }
    return out;
  }

  /** Timestamp units per second from the if_tsresol option (default 10^6). */
  private static long tsresol(ByteBuffer b, int from, int to) throws CaptureFormatException {
    int at = from;
    while (at + 4 <= to) {
      int code = b.getShort(at) & 0xffff;
      int len = b.getShort(at + 2) & 0xffff;
      if (code == 0) break;
      if (at + 4 + len > to) throw new CaptureFormatException(at, "interface option runs past its block");
      if (code == 9 && len >= 1) {
        int v = b.get(at + 4) & 0xff;
        return (v & 0x80) != 0 ? 1L << (v & 0x7f) : (long) Math.pow(10, v);
      }
      at += 4 + ((len + 3) & ~3);
    }
    return 1_000_000L;
  }

  private static long toNanos(long ts, long unitsPerSecond) {
    if (unitsPerSecond == 1_000_000_000L) return ts;
    long sec = ts / unitsPerSecond;
    long rem = ts % unitsPerSecond;
    return sec * 1_000_000_000L + rem * 1_000_000_000L / unitsPerSecond;
  }
}
