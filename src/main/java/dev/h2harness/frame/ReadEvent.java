package dev.h2harness.frame;

/** What a {@link FrameReader} reports, in stream order, each with its absolute byte offset. */
public sealed interface ReadEvent {
  /** Absolute offset of the first octet this event concerns. */
  long offset();

  /** The frame's index in its direction, counted from 0 after any preface; -1 for a non-frame event. */
  default int index() {
    return -1;
  }

  /** The frame header of a frame event (read, malformed or oversized), or null for the others. */
  default FrameHeader header() {
    return null;
  }

  /** The 24-octet client connection preface (RFC 9113 §3.4). */
  record PrefaceRead(long offset) implements ReadEvent {}

  /** A structurally sound frame; {@code index} counts frames from 0 after any preface. */
  record FrameRead(long offset, int index, RawFrame raw, Frame frame) implements ReadEvent {
    @Override public FrameHeader header() {
      return raw.header();
    }

    /** Absolute offset of the payload's first octet. */
    public long payloadOffset() {
      return offset + FrameHeader.SIZE;
    }

    /**
     * Absolute offset of the content: DATA's data or a header block fragment, after the Pad Length
     * octet and fixed fields (RFC 9113 §6.1, §6.2, §6.6); the payload for other types.
     */
    public long contentOffset() {
      FrameType t = FrameType.of(raw.header().type());
      return payloadOffset() + (t == null ? 0 : t.contentStart(raw.header().flags()));
    }

    /** Absolute offset of the first padding octet; the payload's end when there is none. */
    public long paddingOffset() {
      FrameHeader h = raw.header();
      FrameType t = FrameType.of(h.type());
      boolean padded = t != null && Flags.has(t.definedFlags & h.flags(), Flags.PADDED);
      return payloadOffset() + h.length() - (padded ? raw.payload().getUnsigned(0) : 0);
    }
  }

  /** A complete frame whose payload does not fit its type; the raw octets are kept. */
  record MalformedFrame(long offset, int index, RawFrame raw, FrameProblem problem)
      implements ReadEvent {
    @Override public FrameHeader header() {
      return raw.header();
    }
  }

  /** A frame longer than the maximum: reported at its header; its payload is skipped unread. */
  record OversizedFrame(long offset, int index, FrameHeader header, FrameProblem problem)
      implements ReadEvent {}

  /** The byte stream itself is broken: bad preface, or it ended inside a frame. Nothing follows. */
  record StreamBroken(long offset, FrameProblem problem) implements ReadEvent {}
}
