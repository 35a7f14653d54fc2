package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.hpack.HeaderField;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderBlockRulesTest {
  @Test void headerBlockThatDoesNotDecode() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    // 0x88 = :status 200, then 0x80: indexed field with index 0 (RFC 7541 §6.1)
    HandMadeCapture.At h = c.target(Frame.Headers.of(1, Bytes.fromHex("88 80"), true));
    Finding f = Expect.only(c.replay(), Rules.HPACK_DECODE, 1, h.index(), h.payload() + 1);
    assertEquals("INDEX_ZERO", f.actual());
  }

  @Test void decodeErrorInAContinuationIsPlacedOnItsOctet() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.target(new Frame.Headers(0, 1, null, Bytes.fromHex("88"), null));
    HandMadeCapture.At cont = c.target(new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.fromHex("80")));
    Expect.only(c.replay(), Rules.HPACK_DECODE, 1, cont.index(), cont.payload());
  }

  @Test void headersSplitOverContinuationsDecode() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    // :status 200, then a literal content-length: 3 without indexing, split in three
    c.target(new Frame.Headers(Flags.END_STREAM, 1, null, Bytes.fromHex("88 0f 0d"), null));
    c.target(new Frame.Continuation(0, 1, Bytes.fromHex("01")));
    c.target(new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.fromHex("33")));
    ConnectionModel m = c.replay();
    Finding f = Expect.only(m, Rules.BODY_INTEGRITY, 1, 2, m.findings().get(0).offset());
    assertEquals("3 body octets", f.expected());
    assertEquals(List.of(new HeaderField(":status", "200"), new HeaderField("content-length", "3")),
        m.stream(1).responseHeaders());
  }

  @Test void frameInsideAHeaderBlock() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.target(new Frame.Headers(0, 1, null, Bytes.fromHex("88"), null));
    HandMadeCapture.At ping = c.target(Frame.Ping.of(Bytes.zeros(8), false));
    c.target(new Frame.Continuation(Flags.END_HEADERS | 0, 1, Bytes.EMPTY));
    Finding f = Expect.only(c.replay(), Rules.HEADERS_CONTINUATION, 0, ping.index(), ping.offset());
    assertEquals("CONTINUATION on stream 1", f.expected());
  }

  @Test void continuationWithoutAHeaderBlock() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.response(1, 200, true);
    HandMadeCapture.At cont = c.target(new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.fromHex("88")));
    Expect.only(c.replay(), Rules.HEADERS_CONTINUATION, 1, cont.index(), cont.offset());
  }
}
