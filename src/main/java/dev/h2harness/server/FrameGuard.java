package dev.h2harness.server;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.session.FrameHeaderGuard;
import dev.h2harness.session.TokenBucket;

/**
 * Watches the client's frames by their headers only, as the session's reader parses them and
 * before the session handles them, for abuse that costs the server work without asking it
 * anything: a header block too long or split into too many CONTINUATION frames (the session holds
 * a block until it ends; CVE-2024-27316), and floods of PING, SETTINGS or empty DATA frames
 * (CVE-2019-9512, 9515, 9518). RFC 9113 §10.5 leaves the reaction to the server: the session sends
 * GOAWAY(ENHANCE_YOUR_CALM) after the header of the first frame over the limit.
 */
final class FrameGuard implements FrameHeaderGuard {
  private final long maxBlockOctets;
  private final int maxContinuations;
  private final TokenBucket floods;
  private boolean open;
  private long blockOctets;
  private int continuations;

  FrameGuard(long maxBlockOctets, int maxContinuations, TokenBucket floods) {
    this.maxBlockOctets = maxBlockOctets;
    this.maxContinuations = maxContinuations;
    this.floods = floods;
  }

  /** Only the header-block limit, as the first version of this guard had. */
  FrameGuard(long maxBlockOctets) {
    this(maxBlockOctets, Integer.MAX_VALUE, null);
  }

  @Override
  public String refusal(FrameHeader h) {
    int length = h.length();
    int type = h.type();
    int flags = h.flags();
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
