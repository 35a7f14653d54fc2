package dev.h2harness.server;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;

/**
 * Bounds the one thing a client can make the session hold without end: a header block, HEADERS
 * (or PUSH_PROMISE) and its CONTINUATION frames, which the session gathers until END_HEADERS.
 * It reads only the 9-octet frame headers of the client's bytes as they arrive, skipping
 * payloads, and says when the block's octets pass the limit (RFC 9113 §10.5.1: a peer may be
 * refused with ENHANCE_YOUR_CALM).
 */
final class HeaderBlockGuard {
  private final long limit;
  private final byte[] head = new byte[FrameHeader.SIZE];
  private int have;
  /** Octets to pass before the next frame header: first the client preface. */
  private long skip = FrameReader.CLIENT_PREFACE.length();
  private boolean open;
  private long blockOctets;

  HeaderBlockGuard(long limit) {
    this.limit = limit;
  }

  /** Follows {@code len} more octets; false once an open header block has passed the limit. */
  boolean accept(byte[] buf, int off, int len) {
    while (len > 0) {
      if (skip > 0) {
        int n = (int) Math.min(skip, len);
        skip -= n;
        off += n;
        len -= n;
        continue;
      }
      int n = Math.min(head.length - have, len);
      System.arraycopy(buf, off, head, have, n);
      have += n;
      off += n;
      len -= n;
      if (have < head.length) {
        break;
      }
      have = 0;
      int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | (head[2] & 0xff);
      int type = head[3] & 0xff;
      boolean endHeaders = (head[4] & Flags.END_HEADERS) != 0;
      skip = length;
      if (type == FrameType.HEADERS.code || type == FrameType.PUSH_PROMISE.code) {
        blockOctets = length;
        open = !endHeaders;
      } else if (type == FrameType.CONTINUATION.code && open) {
        blockOctets += length;
        open = !endHeaders;
      } else {
        continue;
      }
      if (blockOctets > limit) {
        return false;
      }
    }
    return true;
  }
}
