package dev.h2harness.session;

import dev.h2harness.TestRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.hpack.HpackException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A server session driven in memory by a hand-played client; captures every byte it writes. */
final class ServerFixture {
  final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  final SessionCallbacks callbacks;
  final HpackEncoder encoder = new HpackEncoder();
  Session session;

  ServerFixture() {
    callbacks = new SessionCallbacks().send((b, o, l) -> {
      wire.write(b, o, l);
      return l;
    });
  }

  /** Creates the session and plays the client preface with {@code settings}. */
  ServerFixture start(Setting... settings) {
    session = Session.server(callbacks);
    receive(FrameReader.CLIENT_PREFACE.toArray());
    receive(FrameWriter.write(Frame.Settings.of(settings)));
    return this;
  }

  void receive(byte[] bytes) {
    assertEquals(bytes.length, session.memReceive(bytes), "memReceive consumed everything");
  }

  void receive(Frame f) {
    receive(FrameWriter.write(f));
  }

  /** A GET on {@code streamId} with END_STREAM. */
  void request(int streamId, HeaderField... extra) {
    List<HeaderField> fields = TestRequests.get("/", extra);
    receive(Frame.Headers.of(streamId, Bytes.wrap(encoder.encode(fields)), true));
  }

  static List<HeaderField> okResponse() {
    return List.of(HeaderField.of(":status", "200"));
  }

  /** Every frame written so far, in order. */
  List<Frame> frames() {
    List<Frame> out = new ArrayList<>();
    FrameReader reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead fr) {
        out.add(fr.frame());
      } else {
        throw new AssertionError("session wrote a bad frame: " + e);
      }
    });
    reader.feed(wire.toByteArray());
    assertEquals(true, reader.atFrameBoundary(), "session wrote whole frames");
    return out;
  }

  List<Frame.Data> data(int streamId) {
    return frames().stream().filter(f -> f instanceof Frame.Data && f.streamId() == streamId)
        .map(f -> (Frame.Data) f).toList();
  }

  <T extends Frame> List<T> frames(Class<T> type) {
    return frames().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The body octets that arrived on {@code streamId}, padding removed. */
  byte[] body(int streamId) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Frame.Data d : data(streamId)) b.writeBytes(d.data().toArray());
    return b.toByteArray();
  }

  List<HeaderField> decodeHeaders(HpackDecoder decoder, Frame.Headers h) throws HpackException {
    return decoder.decode(h.fragment().toArray());
  }

  static boolean endStream(Frame f) {
    return f.hasFlag(Flags.END_STREAM);
  }

  void clear() {
    wire.reset();
  }
}
