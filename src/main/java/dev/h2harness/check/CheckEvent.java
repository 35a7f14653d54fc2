package dev.h2harness.check;

import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackException;
import java.util.List;

/**
 * What the model shows its rules, all about the target's direction. {@link Read} comes before the
 * frame changes any state; the others come after the model has applied the frame that caused them.
 */
public sealed interface CheckEvent {
  /** The reader event of a {@link Read}, or null for the events the model derives. */
  default ReadEvent readEvent() {
    return null;
  }

  /** A frame, malformed frame, oversized frame or broken byte stream from the target's reader. */
  record Read(ReadEvent event) implements CheckEvent {
    @Override public ReadEvent readEvent() {
      return event;
    }
  }

  /**
   * A header block (HEADERS or PUSH_PROMISE plus CONTINUATIONs) decoded; {@code offset} and
   * {@code frame} are those of the frame that completed it.
   */
  record HeaderBlock(int stream, long offset, int frame, List<HeaderField> fields, boolean endStream)
      implements CheckEvent {}

  /** A header block that does not decode; {@code offset} is the absolute offset of the octet. */
  record HeaderBlockFailed(int stream, long offset, int frame, HpackException error, String reason)
      implements CheckEvent {}

  /** The target ended a stream with END_STREAM, on the frame at {@code offset}. */
  record StreamEnded(int stream, long offset, int frame) implements CheckEvent {}
}
