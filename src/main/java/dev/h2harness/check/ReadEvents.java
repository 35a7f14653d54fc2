package dev.h2harness.check;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.ReadEvent;

/** The frame header and index a reader event carries, whatever its kind. */
final class ReadEvents {
  private ReadEvents() {}

  /** The header of a frame event, or null for the preface and a broken stream. */
  static FrameHeader header(ReadEvent e) {
    if (e instanceof ReadEvent.FrameRead r) {
      return r.raw().header();
    } else if (e instanceof ReadEvent.MalformedFrame m) {
      return m.raw().header();
    } else if (e instanceof ReadEvent.OversizedFrame o) {
      return o.header();
    }
    return null;
  }

  static int index(ReadEvent e) {
    if (e instanceof ReadEvent.FrameRead r) {
      return r.index();
    } else if (e instanceof ReadEvent.MalformedFrame m) {
      return m.index();
    } else if (e instanceof ReadEvent.OversizedFrame o) {
      return o.index();
    }
    return -1;
  }

  /** The reader event inside {@code e}, or null when {@code e} is not a {@link CheckEvent.Read}. */
  static ReadEvent of(CheckEvent e) {
    return e instanceof CheckEvent.Read r ? r.event() : null;
  }
}
