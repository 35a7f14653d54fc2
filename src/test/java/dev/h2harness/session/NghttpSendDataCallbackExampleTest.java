package dev.h2harness.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HeaderField;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nghttp2's own test_nghttp2_session_send_data_callback (tests/nghttp2_session_test.c): a client
 * stream sends 2 × 16384 octets through NO_COPY; the wire carries two 16384-octet DATA frames,
 * the second with END_STREAM, each exactly 9 + 16384 octets.
 */
class NghttpSendDataCallbackExampleTest {
  @Test
  void twoFullDataFramesTheSecondEndingTheStream() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ScriptedSendData sendData = new ScriptedSendData(wire);
    Session client = Session.client(new SessionCallbacks()
        .send((b, o, l) -> {
          wire.write(b, o, l);
          return l;
        })
        .sendData(sendData));
    CountingSource body = new CountingSource(2 * Session.DATA_PAYLOADLEN, true);
    int stream = client.submitRequest(List.of(HeaderField.of(":method", "POST"),
        HeaderField.of(":scheme", "http"), HeaderField.of(":path", "/")), body);

    assertEquals(0, client.send());

    byte[] bytes = wire.toByteArray();
    assertArrayEquals(FrameReader.CLIENT_PREFACE.toArray(), Arrays.copyOf(bytes, 24));
    List<Frame> frames = new ArrayList<>();
    new FrameReader(false, 16384, e -> frames.add(((ReadEvent.FrameRead) e).frame()))
        .feed(bytes, 24, bytes.length - 24);
    Frame.Headers headers = (Frame.Headers) frames.get(0);
    Frame.Data first = (Frame.Data) frames.get(1);
    Frame.Data second = (Frame.Data) frames.get(2);
    assertEquals(3, frames.size());
    assertEquals(stream, headers.streamId());
    assertEquals(16384, first.data().length());
    assertEquals(0, first.flags());
    assertEquals(16384, second.data().length());
    assertEquals(Flags.END_STREAM, second.flags());
    int headersLength = 9 + headers.payloadLength();
    assertEquals(24 + headersLength + (9 + 16384) * 2, bytes.length);
    assertEquals(2, sendData.calls.size());
    assertEquals(16384, sendData.calls.get(0).length());
  }
}
