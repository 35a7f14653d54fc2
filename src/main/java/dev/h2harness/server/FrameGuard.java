package dev.h2harness.server;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.session.TokenBucket;

/**
 * Watches the client's frames by their 9-octet headers only, as the bytes arrive and before the
 * session sees them, for abuse that costs the server work without asking it anything: a header
 * block too long or split into too many CONTINUATION frames (the session holds a block until it
 * ends; CVE-2024-27316), and floods of PING, SETTINGS or empty DATA frames (CVE-2019-9512, 9515,
 * 9518). Payloads are skipped; each octet is looked at once. RFC 9113 §10.5 leaves the reaction
 * to the server: GOAWAY(ENHANCE_YOUR_CALM), after the first frame over the limit.
 */
final class FrameGuard {
  private final long maxBlockOctets;
  private final int maxContinuations;
  private final TokenBucket floods;
  private final byte[] head = new byte[FrameHeader.SIZE];
  private int have;
  /** Octets to pass before the next frame header: first the client preface. */
  private long skip = FrameReader.CLIENT_PREFACE.length();
  private boolean open;
  private long blockOctets;
  private int continuations;
  private String violation;

  FrameGuard(long maxBlockOctets, int maxContinuations, TokenBucket floods) {
    this.maxBlockOctets = maxBlockOctets;
    this.maxContinuations = maxContinuations;
    this.floods = floods;
  }

  /** Only the header-block limit, as the first version of this guard had. */
  FrameGuard(long maxBlockOctets) {
    this(maxBlockOctets, Integer.MAX_VALUE, null);
  }

  /**
   * Follows {@code len} more octets. Returns -1 when they are all acceptable; otherwise how many
   * of them to give the session (up to the end of the header of the first frame over a limit),
   * and {@link #violation()} says which limit.
   */
  int check(byte[] buf, int off, int len) {
    int start = off;
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
      violation = frame();
      if (violation != null) {
        return off - start;
      }
    }
    return -1;
  }

  /** Convenience for tests: true while nothing passed a limit. */
  boolean accept(byte[] buf, int off, int len) {
    return check(buf, off, len) < 0;
  }

  /** Which limit the last {@link #check} found passed. */
  String violation() {
    return violation;
  }

  private String frame() {
    int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | (head[2] & 0xff);
    int type = head[3] & 0xff;
    int flags = head[4] & 0xff;
    skip = length;
    if (type == FrameType.HEADERS.code || type == FrameType.PUSH_PROMISE.code) {
      blockOctets = length;
      continuations = 0;
      open = (flags & Flags.END_HEADERS) == 0;
    } else if (type == FrameType.CONTINUATION.code && open) {
      blockOctets += length;
      open = (flags & Flags.END_HEADERS) == 0;
      if (++continuations > maxContinuations) {
        return "more than " + maxContinuations + " CONTINUATION frames in one header block";
      }
    } else {
      boolean flood = floods != null && costsWorkForNothing(type, flags, length) && !floods.take();
      return flood ? "flood of " + FrameType.nameOf(type) + " frames" : null;
    }
    return blockOctets > maxBlockOctets ? "header block above " + maxBlockOctets + " octets" : null;
  }

  /** A frame we must answer or process that asks for nothing: PING, SETTINGS, empty DATA. */
  private static boolean costsWorkForNothing(int type, int flags, int length) {
    if (type == FrameType.PING.code || type == FrameType.SETTINGS.code) {
      return (flags & Flags.ACK) == 0;
    }
    return type == FrameType.DATA.code && length == 0 && (flags & Flags.END_STREAM) == 0;
  }
}
