package dev.h2harness.check;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;

/**
 * One line of the {@code --verbose} frame log: a frame (or reader event) in either direction.
 *
 * @param index the frame's index in its direction, -1 for the preface and a broken stream
 * @param flags the flag names, e.g. {@code END_STREAM|PADDED}
 */
public record FrameLogLine(Direction direction, long offset, int index, String type, String flags,
    int stream, int length, String summary) {

  /** The log line for a reader event. */
  public static FrameLogLine of(Direction d, ReadEvent e) {
    if (e instanceof ReadEvent.FrameRead r) {
      FrameHeader h = r.raw().header();
      return new FrameLogLine(d, r.offset(), r.index(), FrameType.nameOf(h.type()),
          Flags.describe(h.type(), h.flags()), h.streamId(), h.length(), summary(r.frame()));
    } else if (e instanceof ReadEvent.MalformedFrame m) {
      FrameHeader h = m.raw().header();
      return new FrameLogLine(d, m.offset(), m.index(), FrameType.nameOf(h.type()),
          Flags.describe(h.type(), h.flags()), h.streamId(), h.length(), "MALFORMED " + m.problem().message());
    } else if (e instanceof ReadEvent.OversizedFrame o) {
      FrameHeader h = o.header();
      return new FrameLogLine(d, o.offset(), o.index(), FrameType.nameOf(h.type()),
          Flags.describe(h.type(), h.flags()), h.streamId(), h.length(), "OVERSIZED " + o.problem().message());
    } else if (e instanceof ReadEvent.StreamBroken b) {
      return new FrameLogLine(d, b.offset(), -1, "BROKEN", "", 0, 0, b.problem().message());
    }
    return new FrameLogLine(d, e.offset(), -1, "PREFACE", "", 0, 24, "");
  }

  private static String summary(Frame f) {
    if (f instanceof Frame.Data x) {
      return "data=" + x.data().length() + (x.padding() != null ? " padlen=" + x.padlen() : "");
    } else if (f instanceof Frame.Headers x) {
      return "fragment=" + x.fragment().length() + (x.padding() != null ? " padlen=" + x.padding().padlen() : "");
    } else if (f instanceof Frame.Continuation x) {
      return "fragment=" + x.fragment().length();
    } else if (f instanceof Frame.PushPromise x) {
      return "promised=" + x.promisedStreamId() + " fragment=" + x.fragment().length();
    } else if (f instanceof Frame.Settings x) {
      return x.isAck() ? "" : x.settings().toString();
    } else if (f instanceof Frame.WindowUpdate x) {
      return "increment=" + x.increment();
    } else if (f instanceof Frame.RstStream x) {
      return ErrorCode.nameOf(x.errorCode());
    } else if (f instanceof Frame.GoAway x) {
      return "last=" + x.lastStreamId() + " " + ErrorCode.nameOf(x.errorCode())
          + (x.debugData().isEmpty() ? "" : " debug=" + x.debugData().latin1());
    } else if (f instanceof Frame.Ping x) {
      return x.opaque().hex();
    }
    return "";
  }

  /** E.g. {@code << 000000123 #4 DATA[END_STREAM] stream=1 len=100 data=99 padlen=1}. */
  @Override public String toString() {
    return String.format("%s %09d %s %s[%s] stream=%d len=%d %s", direction.arrow(), offset,
        index >= 0 ? "#" + index : "-", type, flags, stream, length, summary).stripTrailing();
  }
}
