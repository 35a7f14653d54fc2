package dev.h2harness.frame;

/** What a {@link FrameReader} reports, in stream order, each with its absolute byte offset. */
public sealed interface ReadEvent {
  /** Absolute offset of the first octet this event concerns. */
  long offset();

  /** The 24-octet client connection preface (RFC 9113 §3.4). */
  record PrefaceRead(long offset) implements ReadEvent {}

  /** A structurally sound frame; {@code index} counts frames from 0 after any preface. */
  record FrameRead(long offset, int index, RawFrame raw, Frame frame) implements ReadEvent {}

  /** A complete frame whose payload does not fit its type; the raw octets are kept. */
  record MalformedFrame(long offset, int index, RawFrame raw, FrameProblem problem)
      implements ReadEvent {}

  /** A frame longer than the maximum: reported at its header; its payload is skipped unread. */
  record OversizedFrame(long offset, int index, FrameHeader header, FrameProblem problem)
      implements ReadEvent {}

  /** The byte stream itself is broken: bad preface, or it ended inside a frame. Nothing follows. */
  record StreamBroken(long offset, FrameProblem problem) implements ReadEvent {}
}
