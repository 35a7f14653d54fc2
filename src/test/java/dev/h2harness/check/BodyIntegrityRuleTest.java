package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import org.junit.jupiter.api.Test;

class BodyIntegrityRuleTest {
  @Test void patternMismatchAtByteK() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "1000");
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 400), false));
    byte[] second = HandMadeCapture.body(400, 600).toArray();
    int k = 517;
    second[k - 400] ^= 0x5a;
    HandMadeCapture.At at = c.target(Frame.Data.padded(1, Bytes.wrap(second), true, 3));
    Finding f = Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, at.index(), at.offset() + 9 + 1 + (k - 400));
    assertEquals(String.format("0x%02x", k % 251), f.expected());
    assertEquals(String.format("0x%02x", (k % 251) ^ 0x5a), f.actual());
    assertEquals("contract §4", f.section());
  }

  @Test void firstMismatchInALargeFrameAcrossTheComparisonChunks() {
    HandMadeCapture c = new HandMadeCapture().handshake(new dev.h2harness.frame.Setting(5, 1 << 20),
        new dev.h2harness.frame.Setting(4, 1 << 20));
    c.request(1, "h2h-body", "100000");
    c.response(1, 200, false);
    c.peer(Frame.WindowUpdate.of(0, 1 << 20));
    byte[] body = HandMadeCapture.body(0, 100000).toArray();
    body[70001] = 0;
    body[90000] = 0;
    HandMadeCapture.At at = c.target(Frame.Data.of(1, Bytes.wrap(body), true));
    Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, at.index(), at.offset() + 9 + 70001);
  }

  @Test void bodyShorterThanAskedIsReportedAtEndStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "1000");
    c.response(1, 200, false);
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 600), false));
    HandMadeCapture.At end = c.target(Frame.Data.of(1, HandMadeCapture.body(600, 399), true));
    Finding f = Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, end.index(), end.offset());
    assertEquals("1000 body octets", f.expected());
    assertEquals("999 body octets", f.actual());
  }

  @Test void bodyLongerThanAskedIsReportedAtTheFirstExtraOctet() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "100");
    c.response(1, 200, false);
    HandMadeCapture.At at = c.target(Frame.Data.of(1, HandMadeCapture.body(0, 101), true));
    Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, at.index(), at.offset() + 9 + 100);
  }

  @Test void contentLengthShortAtEndStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false, "content-length", "100");
    HandMadeCapture.At end = c.target(Frame.Data.of(1, HandMadeCapture.body(0, 99), true));
    Finding f = Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, end.index(), end.offset());
    assertEquals("RFC 9113 §8.1.1", f.section());
    assertEquals("100 body octets", f.expected());
    assertEquals("99 body octets", f.actual());
  }

  @Test void contentLengthExceededMidStream() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false, "content-length", "100");
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 60), false));
    HandMadeCapture.At at = c.target(Frame.Data.of(1, HandMadeCapture.body(60, 60), true));
    Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, at.index(), at.offset() + 9 + 40);
  }

  @Test void contentLengthWithHeadersOnlyResponse() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    HandMadeCapture.At h = c.response(1, 200, true, "content-length", "5");
    Expect.only(c.replay(), Rules.BODY_INTEGRITY, 1, h.index(), h.offset());
  }

  @Test void contentLengthMatchedWithTrailers() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "10");
    c.response(1, 200, false, "content-length", "10");
    c.target(Frame.Data.of(1, HandMadeCapture.body(0, 10), false));
    c.trailers(1, "x-done", "yes");
    Expect.none(c.replay());
  }

  @Test void patternIsNotJudgedOnAnErrorResponse() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "10", "h2h-bogus", "1");
    c.response(1, 400, false);
    c.target(Frame.Data.of(1, Bytes.ascii("unknown h2h-bogus"), true));
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertEquals(400, m.stream(1).status());
  }

  @Test void cleanBodyInManyFrames() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1, "h2h-body", "40000", "h2h-pad", "7");
    c.response(1, 200, false, "content-length", "40000");
    long sent = 0;
    int[] sizes = {16384 - 8, 1, 250, 251, 252, 10000, 0};
    for (int n : sizes) {
      c.target(Frame.Data.padded(1, HandMadeCapture.body(sent, n), false, 8));
      sent += n;
    }
    c.target(Frame.Data.of(1, HandMadeCapture.body(sent, (int) (40000 - sent)), true));
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertEquals(40000, m.stream(1).bodyBytes());
  }

  /** The model compares with whatever body the caller says a request asked for, knowing no pattern. */
  @Test void comparesWithTheBodyItIsTold() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, false);
    HandMadeCapture.At at = c.target(Frame.Data.of(1, Bytes.ascii("xxyxx"), true));
    ExpectedBody fives = new ExpectedBody() {
      @Override public long length() { return 5; }
      @Override public int mismatch(long position, Bytes data, int from, int to) {
        for (int i = from; i < to; i++) if (data.get(i) != 'x') return i;
        return -1;
      }
      @Override public int octet(long position) { return 'x'; }
      @Override public String origin() { return "x-body"; }
      @Override public String explain(long position) { return "all x"; }
      @Override public String section() { return "test §1"; }
    };
    ConnectionModel m = c.replay(new ConnectionModel(true, Rules.standard(), null,
        (stream, request) -> stream == 1 ? fives : null), n -> n);
    Finding f = Expect.only(m, Rules.BODY_INTEGRITY, 1, at.index(), at.offset() + 9 + 2);
    assertEquals("test §1", f.section());
    assertEquals("body byte 2 is 0x79, x-body makes it 0x78 (all x)", f.message());
    assertEquals(5, m.stream(1).expectedBody().length());
  }
}
