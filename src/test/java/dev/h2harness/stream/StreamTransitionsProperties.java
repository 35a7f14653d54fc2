package dev.h2harness.stream;

import static dev.h2harness.stream.StreamInput.*;
import static dev.h2harness.stream.StreamState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * The RFC 9113 §5.1 table over every (state, input, role), checked against Figure 2's edges written
 * out here by hand, and against the error codes §5.1, §6.1, §6.6 and §8.4 give the receiver.
 */
class StreamTransitionsProperties {
  /** Figure 2 of RFC 9113 §5.1: the legal edges, for an endpoint in {@code role}. */
  private static Map<String, StreamState> figure2(Role role) {
    Map<String, StreamState> e = new HashMap<>();
    if (role == Role.CLIENT) {
      e.put(key(IDLE, SEND_HEADERS), OPEN);
      e.put(key(IDLE, RECV_PUSH_PROMISE), RESERVED_REMOTE);
    } else {
      e.put(key(IDLE, RECV_HEADERS), OPEN);
      e.put(key(IDLE, SEND_PUSH_PROMISE), RESERVED_LOCAL);
    }
    e.put(key(RESERVED_LOCAL, SEND_HEADERS), HALF_CLOSED_REMOTE);
    e.put(key(RESERVED_REMOTE, RECV_HEADERS), HALF_CLOSED_LOCAL);
    for (StreamInput in : List.of(SEND_HEADERS, SEND_DATA, RECV_HEADERS, RECV_DATA)) e.put(key(OPEN, in), OPEN);
    e.put(key(OPEN, SEND_END_STREAM), HALF_CLOSED_LOCAL);
    e.put(key(OPEN, RECV_END_STREAM), HALF_CLOSED_REMOTE);
    e.put(key(HALF_CLOSED_LOCAL, RECV_HEADERS), HALF_CLOSED_LOCAL);
    e.put(key(HALF_CLOSED_LOCAL, RECV_DATA), HALF_CLOSED_LOCAL);
    e.put(key(HALF_CLOSED_LOCAL, RECV_END_STREAM), CLOSED);
    e.put(key(HALF_CLOSED_REMOTE, SEND_HEADERS), HALF_CLOSED_REMOTE);
    e.put(key(HALF_CLOSED_REMOTE, SEND_DATA), HALF_CLOSED_REMOTE);
    e.put(key(HALF_CLOSED_REMOTE, SEND_END_STREAM), CLOSED);
    for (StreamState s : StreamState.values()) {
      if (s != IDLE) {
        e.put(key(s, SEND_RST_STREAM), CLOSED);
        e.put(key(s, RECV_RST_STREAM), CLOSED);
      }
    }
    return e;
  }

  private static String key(StreamState s, StreamInput in) {
    return s + "/" + in;
  }

  @Property void everyPairIsFigure2sEdgeOrAViolation(@ForAll StreamState state, @ForAll StreamInput input, @ForAll Role role) {
    Transition t = StreamTransitions.next(state, input, role);
    assertNotNull(t);
    StreamState want = figure2(role).get(key(state, input));
    if (want == null) {
      assertInstanceOf(Transition.Violation.class, t, state + " " + input + " " + role);
    } else {
      assertEquals(new Transition.Next(want), t, state + " " + input + " " + role);
    }
  }

  @Property void aSentFrameIsThePeersReceivedFrame(@ForAll StreamState state, @ForAll StreamInput input, @ForAll Role role) {
    Transition here = StreamTransitions.next(state, input, role);
    Transition there = StreamTransitions.next(state.mirror(), input.mirror(), role.other());
    if (here instanceof Transition.Next n) {
      assertEquals(new Transition.Next(n.state().mirror()), there);
    } else {
      assertEquals(here, there);
    }
  }

  @Property void violationsCarryTheReceiversErrorCode(@ForAll StreamState state, @ForAll StreamInput input, @ForAll Role role) {
    if (!(StreamTransitions.next(state, input, role) instanceof Transition.Violation v)) return;
    StreamState receiverState = input.isSend() ? state.mirror() : state;
    if (receiverState == HALF_CLOSED_REMOTE || receiverState == CLOSED) {
      boolean push = input == SEND_PUSH_PROMISE || input == RECV_PUSH_PROMISE;
      // RFC 9113 §5.1 half-closed (remote) and closed, §6.1: a stream error of type STREAM_CLOSED;
      // §6.6, §8.4: a PUSH_PROMISE that may not be is a connection error.
      assertEquals(push ? ErrorCode.PROTOCOL_ERROR : ErrorCode.STREAM_CLOSED, v.code(), v.toString());
      assertEquals(push, v.connectionError(), v.toString());
    } else {
      // RFC 9113 §5.1 idle, reserved; §5.1.1; §6.6; §8.4: connection errors of type PROTOCOL_ERROR.
      assertEquals(ErrorCode.PROTOCOL_ERROR, v.code(), v.toString());
      assertTrue(v.connectionError(), v.toString());
    }
  }

  @Property void noInputLeavesClosedOrReturnsToIdle(@ForAll StreamState state, @ForAll StreamInput input, @ForAll Role role) {
    if (StreamTransitions.next(state, input, role) instanceof Transition.Next n) {
      if (state == CLOSED) assertEquals(CLOSED, n.state());
      assertNotEquals(IDLE, n.state());
    }
  }

  /** Both endpoints apply the same frames; their views of the stream stay mirrored throughout. */
  @Property void twoEndpointsStayInStep(@ForAll("frames") List<StreamInput> clientFrames) {
    StreamState client = IDLE;
    StreamState server = IDLE;
    for (StreamInput in : clientFrames) {
      Transition c = StreamTransitions.next(client, in, Role.CLIENT);
      Transition s = StreamTransitions.next(server, in.mirror(), Role.SERVER);
      assertEquals(c.allowed(), s.allowed(), client + " " + in);
      if (c instanceof Transition.Next cn && s instanceof Transition.Next sn) {
        client = cn.state();
        server = sn.state();
      }
      assertEquals(client.mirror(), server);
    }
  }

  @Provide Arbitrary<List<StreamInput>> frames() {
    return Arbitraries.of(StreamInput.class).list().ofMaxSize(12);
  }

  /**
   * The two tables this one replaced disagreed on RST_STREAM in "closed": the session's moved to
   * closed, the checks' refused it. The session's row is right. RFC 9113 §5.1 closed: "Endpoints MUST
   * ignore WINDOW_UPDATE or RST_STREAM frames received in this state", and a frame received after
   * the peer's RST_STREAM is "a stream error (Section 5.4.2) of type STREAM_CLOSED", which is answered
   * with a RST_STREAM on the closed stream.
   */
  @Example void rstStreamOnAClosedStreamIsIgnoredNotRefused() {
    for (Role role : Role.values()) {
      assertEquals(new Transition.Next(CLOSED), StreamTransitions.next(CLOSED, RECV_RST_STREAM, role));
      assertEquals(new Transition.Next(CLOSED), StreamTransitions.next(CLOSED, SEND_RST_STREAM, role));
    }
  }

  /** Who may open a stream: the old tables let either role do either; §5.1.1 and §8.4 do not. */
  @Example void onlyAClientOpensWithHeadersAndOnlyAServerPushes() {
    assertEquals(new Transition.Next(OPEN), StreamTransitions.next(IDLE, SEND_HEADERS, Role.CLIENT));
    assertInstanceOf(Transition.Violation.class, StreamTransitions.next(IDLE, SEND_HEADERS, Role.SERVER));
    assertInstanceOf(Transition.Violation.class, StreamTransitions.next(IDLE, RECV_HEADERS, Role.CLIENT));
    Transition.Violation push = (Transition.Violation) StreamTransitions.next(IDLE, RECV_PUSH_PROMISE, Role.SERVER);
    assertEquals("8.4", push.section());
    assertEquals(new Transition.Next(RESERVED_LOCAL), StreamTransitions.next(IDLE, SEND_PUSH_PROMISE, Role.SERVER));
  }
}
