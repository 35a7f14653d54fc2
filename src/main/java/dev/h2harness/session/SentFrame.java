package dev.h2harness.session;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;

/**
 * A frame the session has sent, as the on-frame-send callback sees it: the header as written,
 * nghttp2's padlen, and the typed frame — null for DATA, whose payload the session may never have
 * held (NO_COPY).
 */
public record SentFrame(FrameHeader header, int padlen, Frame frame) {}
