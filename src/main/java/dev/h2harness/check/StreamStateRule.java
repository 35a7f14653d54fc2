package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.stream.Role;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;

/**
 * RFC 9113 §5.1, §5.1.1, §8.1: the target sends DATA and HEADERS only on streams whose state allows
 * them, and a response's DATA only after its HEADERS (contract §1.9). Frames that follow the peer's
 * RST_STREAM may have been in flight (§5.1) and are not judged.
 */
final class StreamStateRule implements Rule {
  private record Violation(String section, String expected, String message) {}

  private static final Rules RULE = Rules.STREAM_STATE;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r)) {
      return;
    }
    Frame f = r.frame();
    int id = f.streamId();
    StreamView s = id == 0 ? null : state.stream(id);
    StreamState current = s == null ? StreamState.IDLE : s.state();
    Violation v;
    if (f instanceof Frame.Data) {
      v = id == 0 ? null : judge(state, s, current, StreamInput.SEND_DATA, id);
    } else if (f instanceof Frame.Headers) {
      v = !FrameType.HEADERS.streams.allows(id) ? new Violation("RFC 9113 §6.2", "a stream id other than 0", "HEADERS on stream 0")
          : judge(state, s, current, StreamInput.SEND_HEADERS, id);
    } else if ((f instanceof Frame.RstStream || f instanceof Frame.WindowUpdate) && id != 0
        && current == StreamState.IDLE) {
      // RFC 9113 §5.1 idle: anything but HEADERS or PRIORITY is a connection error.
      v = new Violation("RFC 9113 §5.1", "HEADERS or PRIORITY on an idle stream",
          f.typeName() + " on idle stream " + id);
    } else {
      v = null;
    }
    if (v != null) {
      out.report("state", new Finding(RULE, v.section(), id, r.index(), r.offset(), v.expected(),
          f.typeName() + " in state " + current, v.message(), Direction.FROM_TARGET));
    }
  }

  private static Violation judge(ModelState state, StreamView s, StreamState current, StreamInput input, int id) {
    String type = input == StreamInput.SEND_DATA ? "DATA" : "HEADERS";
    if (s != null && s.peerResetCode() >= 0 && !s.endStreamSeen() && s.targetResetCode() < 0) {
      // RFC 9113 §5.1: frames the target sent before it received the peer's RST_STREAM may follow it.
      return null;
    }
    if (current == StreamState.IDLE) {
      return idle(state.targetIsServer(), input, id);
    }
    if (!StreamTransitions.allows(current, input, Role.of(state.targetIsServer()))) {
      if (s.endStreamSeen()) {
        return new Violation("RFC 9113 §5.1", "no frames after END_STREAM but RST_STREAM, PRIORITY, WINDOW_UPDATE",
            type + " on stream " + id + " after the target's END_STREAM");
      }
      if (s.targetResetCode() >= 0) {
        return new Violation("RFC 9113 §5.1", "no frames after RST_STREAM but PRIORITY",
            type + " on stream " + id + " after the target's RST_STREAM");
      }
      return new Violation("RFC 9113 §5.1", "no " + type + " in state " + current,
          type + " on stream " + id + " in state " + current);
    }
    if (input == StreamInput.SEND_DATA && !s.targetHeadersSeen()) {
      // RFC 9113 §8.1: a message starts with a HEADERS frame; contract §1.9, nghttp2 issue #2242.
      return new Violation("RFC 9113 §8.1", "HEADERS before DATA",
          "DATA on stream " + id + " before the target's HEADERS (contract §1.9: header bytes held back)");
    }
    return null;
  }

  private static Violation idle(boolean targetIsServer, StreamInput input, int id) {
    boolean even = id % 2 == 0;
    if (input == StreamInput.SEND_DATA) {
      // RFC 9113 §5.1 idle: DATA is a connection error of type PROTOCOL_ERROR.
      return new Violation("RFC 9113 §5.1", "HEADERS to open the stream first",
          "DATA on idle stream " + id + " (contract §1.9: DATA ahead of its HEADERS)");
    }
    if (targetIsServer && even) {
      // RFC 9113 §8.4: a server opens streams only by promising them.
      return new Violation("RFC 9113 §8.4", "a PUSH_PROMISE reserving stream " + id,
          "HEADERS on even stream " + id + " which no PUSH_PROMISE reserved");
    }
    if (targetIsServer) {
      return new Violation("RFC 9113 §8.1", "a response only on a stream the peer opened",
          "response HEADERS on stream " + id + " which the peer never opened");
    }
    if (even) {
      // RFC 9113 §5.1.1: streams a client initiates are odd.
      return new Violation("RFC 9113 §5.1.1", "an odd stream id", "client HEADERS on even stream " + id);
    }
    return null;
  }
}
