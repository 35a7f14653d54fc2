package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.stream.StreamState;
import org.junit.jupiter.api.Test;

class StreamStateRuleTest {
  @Test void dataBeforeHeadersOnTheRequestStream() {
    // contract §1.9, nghttp2 issue #2242: the DATA frame overtakes its HEADERS.
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    HandMadeCapture.At data = c.target(Frame.Data.of(1, HandMadeCapture.body(0, 10), false));
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(10, 10), true));
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 1, data.index(), data.offset());
    assertEquals("RFC 9113 §8.1", f.section());
    assertTrue(f.message().contains("contract §1.9"), f.message());
  }

  @Test void dataOnAnIdleStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, true);
    HandMadeCapture.At data = c.target(Frame.Data.of(3, HandMadeCapture.body(0, 10), true));
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 3, data.index(), data.offset());
    assertEquals("RFC 9113 §5.1", f.section());
    assertEquals("DATA in state IDLE", f.actual());
  }

  @Test void dataAfterEndStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 10), true));
    HandMadeCapture.At late = c.target(Frame.Data.of(1, HandMadeCapture.body(10, 10), false));
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 1, late.index(), late.offset());
    assertTrue(f.message().contains("after the target's END_STREAM"), f.message());
  }

  @Test void dataAfterTheTargetsOwnRstStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.RstStream.of(1, ErrorCode.INTERNAL_ERROR));
    HandMadeCapture.At late = c.target(Frame.Data.of(1, HandMadeCapture.body(0, 10), true));
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 1, late.index(), late.offset());
    assertTrue(f.message().contains("after the target's RST_STREAM"), f.message());
  }

  @Test void dataInFlightAfterThePeersRstStreamIsNotAFinding() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "100");
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 10), false));
    c.peer(Frame.RstStream.of(1, ErrorCode.CANCEL));
    c.target(Frame.Data.of(1, HandMadeCapture.body(10, 10), false));
    c.target(Frame.Data.of(1, HandMadeCapture.body(20, 80), true));
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertEquals(ErrorCode.CANCEL.code, m.stream(1).peerResetCode());
    assertEquals(StreamState.CLOSED, m.stream(1).state());
  }

  @Test void responseHeadersOnAStreamThePeerNeverOpened() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    HandMadeCapture.At h = c.response(5, 200, true);
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 5, h.index(), h.offset());
    assertTrue(f.message().contains("never opened"), f.message());
  }

  @Test void headersOnAnEvenStreamWithoutPushPromise() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    HandMadeCapture.At h = c.response(2, 200, true);
    Finding f = Expect.only(c.replay(), Rules.STREAM_STATE, 2, h.index(), h.offset());
    assertEquals("RFC 9113 §8.4", f.section());
  }

  @Test void promisedStreamMayCarryAResponse() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.target(new Frame.PushPromise(0x4, 1, 2, Bytes.fromHex("82 86 84 41 0f 77 77 77 2e 65 78 61 6d 70 6c 65 2e 63 6f 6d"), null));
    c.response(1, 200, true);
    c.response(2, 200, false);
    c.target(Frame.Data.of(2, HandMadeCapture.body(0, 5), true));
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertEquals(StreamState.CLOSED, m.stream(2).state());
    assertEquals("GET", m.stream(2).method());
  }

  @Test void trailersAfterDataAreClean() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 5), false));
    c.trailers(1, "grpc-status", "0");
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertEquals(200, m.stream(1).status());
    assertEquals(1, m.stream(1).trailers().size());
  }

  @Test void rstStreamOnAnIdleStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    HandMadeCapture.At rst = c.target(Frame.RstStream.of(7, ErrorCode.CANCEL));
    Expect.only(c.replay(), Rules.STREAM_STATE, 7, rst.index(), rst.offset());
  }

  @Test void oneFindingPerStreamEvenForALongWrongBody() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    for (int i = 0; i < 50; i++) {
      c.target(Frame.Data.of(3, HandMadeCapture.body(0, 100), false));
    }
    ConnectionModel m = c.replay();
    assertEquals(1, m.findings().size());
    assertEquals(49, m.suppressedFindings());
  }
}
