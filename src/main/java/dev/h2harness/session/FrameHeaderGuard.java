package dev.h2harness.session;

import dev.h2harness.frame.FrameHeader;

/**
 * Looks at each of the peer's frame headers as the session's reader parses it, before the payload
 * arrives, for abuse the session's own rules do not bound (floods, endless header blocks).
 */
@FunctionalInterface
public interface FrameHeaderGuard {
  /** Null to go on; otherwise why the connection is refused with GOAWAY(ENHANCE_YOUR_CALM). */
  String refusal(FrameHeader header);
}
