package dev.h2harness.report.html;

import dev.h2harness.check.Direction;
import dev.h2harness.frame.FrameHeader;

/**
 * One row of a frame ladder: a frame (or the preface, or where a byte stream broke) with its
 * direction, absolute offset in that direction, index, the time its first octet was seen, its
 * header (null for the preface and a break) and its octets, header included (kept whole).
 */
record LadderFrame(Direction direction, long offset, int index, long nanos, FrameHeader header,
                   byte[] octets, String note) {
  /** Octets the frame spans on the wire, header included. */
  long span() {
    return header == null ? (note.equals("PREFACE") ? 24 : 1) : 9L + header.length();
  }

  boolean contains(Direction d, long at) {
    return d == direction && at >= offset && at < offset + span();
  }
}
