package dev.h2harness.session;

import dev.h2harness.TestRequests;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.PrioritySpec;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.stream.StreamState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receive side of the reference session: what a peer sends and the exact answer RFC 9113
 * requires — a connection error (GOAWAY with its code) or a stream error (RST_STREAM with its code).
 */
class ConnectionRulesTest {
  private final ServerFixture fx = new ServerFixture();

  private long goAwayCode() {
    List<Frame.GoAway> g = fx.frames(Frame.GoAway.class);
    assertEquals(1, g.size(), "one GOAWAY: " + fx.frames());
    assertFalse(fx.session.wantRead(), "a connection error ends reading");
    return g.get(0).errorCode();
  }

  private long rstCode(int stream) {
    List<Frame.RstStream> r = fx.frames(Frame.RstStream.class).stream().filter(f -> f.streamId() == stream).toList();
    assertEquals(1, r.size(), "one RST_STREAM on " + stream + ": " + fx.frames());
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty(), "a stream error leaves the connection alone");
    return r.get(0).errorCode();
  }

  private void connectionError(ErrorCode code, byte[] input) {
    fx.start();
    fx.receive(input);
    fx.session.send();
    assertEquals(code.code, goAwayCode());
  }

  private byte[] headers(int stream, boolean endStream, HeaderField... fields) {
    return FrameWriter.write(Frame.Headers.of(stream, Bytes.wrap(fx.encoder.encode(List.of(fields))), endStream));
  }

  private static HeaderField h(String n, String v) {
    return HeaderField.of(n, v);
  }

  private List<HeaderField> request(HeaderField... extra) {
    return TestRequests.request("GET", "a", "/", extra);
  }

  // ---- connection preface and SETTINGS ----

  @Test
  void badPrefaceIsFatalAndAnsweredWithGoAway() {
    Session s = Session.server(fx.callbacks);
    fx.session = s;
    int rv = s.memReceive("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes());
    assertEquals(NgError.BAD_CLIENT_MAGIC, rv);
    s.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, goAwayCode());
  }

  @Test
  void firstFrameMustBeSettings() {
    fx.session = Session.server(fx.callbacks);
    fx.receive(FrameReader.CLIENT_PREFACE.toArray());
    fx.receive(FrameWriter.write(Frame.Ping.of(Bytes.zeros(8), false)));
    fx.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, goAwayCode());
  }

  @Test
  void settingsAreAcknowledgedAndAppliedToTheSendSide() {
    fx.start(new Setting(SettingsParameter.MAX_FRAME_SIZE, 20000), new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1000));
    fx.session.send();
    assertTrue(fx.frames(Frame.Settings.class).stream().anyMatch(Frame.Settings::isAck));
    assertEquals(20000, fx.session.remoteMaxFrameSize());
    assertEquals(1000, fx.session.remoteInitialWindowSize());
  }

  @Test
  void settingsValuesOutOfRangeAreConnectionErrors() {
    connectionError(ErrorCode.PROTOCOL_ERROR, FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.ENABLE_PUSH, 2))));
    ServerFixture f2 = new ServerFixture();
    f2.start();
    f2.receive(Frame.Settings.of(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1L << 31)));
    f2.session.send();
    assertEquals(ErrorCode.FLOW_CONTROL_ERROR.code, f2.frames(Frame.GoAway.class).get(0).errorCode());
    ServerFixture f3 = new ServerFixture();
    f3.start();
    f3.receive(Frame.Settings.of(new Setting(SettingsParameter.MAX_FRAME_SIZE, 16383)));
    f3.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, f3.frames(Frame.GoAway.class).get(0).errorCode());
  }

  @Test
  void settingsWithAPayloadOfSevenOctetsIsFrameSizeError() {
    connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameWriter.writeRaw(new FrameHeader(7, 4, 0, 0), Bytes.zeros(7)));
  }

  @Test
  void settingsOnAStreamIsProtocolError() {
    connectionError(ErrorCode.PROTOCOL_ERROR, FrameWriter.writeLenient(new Frame.Settings(0, 1, List.of())));
  }

  @Test
  void unknownSettingIsIgnored() {
    fx.start(new Setting(0x99, 5));
    fx.session.send();
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty());
  }

  // ---- PING, frame size, unknown frames, PRIORITY ----

  @Test
  void pingIsAnsweredWithTheSamePayloadAsAck() {
    fx.start();
    byte[] opaque = "h2harnes".getBytes();
    fx.receive(Frame.Ping.of(Bytes.of(opaque), false));
    fx.session.send();
    Frame.Ping ack = fx.frames(Frame.Ping.class).get(0);
    assertTrue(ack.isAck());
    assertArrayEquals(opaque, ack.opaque().toArray());
  }

  @Test
  void pingOfSevenOctetsIsFrameSizeError() {
    connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameWriter.writeRaw(new FrameHeader(7, 6, 0, 0), Bytes.zeros(7)));
  }

  @Test
  void frameAboveMaxFrameSizeIsFrameSizeError() {
    connectionError(ErrorCode.FRAME_SIZE_ERROR, FrameWriter.writeRaw(new FrameHeader(16385, 0, 0, 1), Bytes.zeros(16385)));
  }

  @Test
  void unknownFrameTypeIsIgnored() {
    fx.start();
    fx.receive(FrameWriter.write(new Frame.Unknown(0xfa, 0xff, 0, Bytes.ascii("x"))));
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), null);
    fx.session.send();
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty());
    assertEquals(1, fx.frames(Frame.Headers.class).size());
  }

  @Test
  void priorityIsAcceptedAndIgnoredButNotOnItself() {
    fx.start();
    fx.receive(new Frame.Priority(0, 5, PrioritySpec.of(false, 3, 10)));
    fx.session.send();
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty() && fx.frames(Frame.RstStream.class).isEmpty());
    fx.receive(new Frame.Priority(0, 7, PrioritySpec.of(false, 7, 10)));
    fx.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, rstCode(7));
  }

  // ---- streams (RFC 9113 §5.1) ----

  @Test
  void dataOnStreamZeroOrAnIdleStreamIsProtocolError() {
    connectionError(ErrorCode.PROTOCOL_ERROR, FrameWriter.writeLenient(Frame.Data.of(0, Bytes.ascii("x"), false)));
    ServerFixture f2 = new ServerFixture();
    f2.start();
    f2.receive(Frame.Data.of(1, Bytes.ascii("x"), false));
    f2.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, f2.frames(Frame.GoAway.class).get(0).errorCode());
  }

  @Test
  void dataAfterTheClientsEndStreamIsStreamClosed() {
    fx.start();
    fx.request(1);
    fx.receive(Frame.Data.of(1, Bytes.ascii("late"), false));
    fx.session.send();
    assertEquals(ErrorCode.STREAM_CLOSED.code, rstCode(1));
  }

  @Test
  void evenStreamFromAClientIsProtocolError() {
    fx.start();
    fx.receive(headers(2, true, request().toArray(HeaderField[]::new)));
    fx.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, goAwayCode());
  }

  @Test
  void streamIdLowerThanAnEarlierOneIsAConnectionError() {
    fx.start();
    fx.request(5);
    fx.receive(headers(3, true, request().toArray(HeaderField[]::new)));
    fx.session.send();
    assertTrue(List.of((long) ErrorCode.PROTOCOL_ERROR.code, (long) ErrorCode.STREAM_CLOSED.code).contains(goAwayCode()));
  }

  @Test
  void rstStreamOnAnIdleStreamIsProtocolErrorAndClosesAnOpenOne() {
    connectionError(ErrorCode.PROTOCOL_ERROR, FrameWriter.write(Frame.RstStream.of(9, ErrorCode.CANCEL)));
    ServerFixture f2 = new ServerFixture();
    List<Long> closed = new ArrayList<>();
    f2.callbacks.onStreamClose((s, id, code) -> closed.add(code));
    f2.start();
    f2.receive(headers2(f2, 1));
    f2.receive(Frame.RstStream.of(1, ErrorCode.CANCEL));
    assertEquals(StreamState.CLOSED, f2.session.streamState(1));
    assertEquals(List.of((long) ErrorCode.CANCEL.code), closed);
  }

  private static byte[] headers2(ServerFixture f, int stream) {
    List<HeaderField> req = TestRequests.request("POST", "a", "/");
    return FrameWriter.write(Frame.Headers.of(stream, Bytes.wrap(f.encoder.encode(req)), false));
  }

  @Test
  void maxConcurrentStreamsRefusesTheStreamAboveTheLimit() {
    ourSettingsAcked(new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, 1));
    fx.receive(headers2(fx, 1));
    fx.receive(headers2(fx, 3));
    fx.session.send();
    assertTrue(List.of((long) ErrorCode.REFUSED_STREAM.code, (long) ErrorCode.PROTOCOL_ERROR.code).contains(rstCode(3)));
    assertEquals(StreamState.OPEN, fx.session.streamState(1));
  }

  // ---- CONTINUATION, header validation ----

  @Test
  void continuationSequencing() {
    fx.start();
    byte[] block = fx.encoder.encode(request());
    fx.receive(FrameWriter.write(new Frame.Headers(Flags.END_STREAM, 1, null, Bytes.copyOf(block, 0, 3), null)));
    fx.receive(FrameWriter.write(new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.copyOf(block, 3, block.length - 3))));
    fx.session.submitResponse(1, ServerFixture.okResponse(), null);
    fx.session.send();
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty(), "a block split over CONTINUATION is one request");

    ServerFixture f2 = new ServerFixture();
    f2.start();
    byte[] b2 = f2.encoder.encode(request());
    f2.receive(FrameWriter.write(new Frame.Headers(Flags.END_STREAM, 1, null, Bytes.copyOf(b2, 0, 3), null)));
    f2.receive(Frame.Ping.of(Bytes.zeros(8), false));
    f2.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, f2.frames(Frame.GoAway.class).get(0).errorCode(),
        "anything inside a header block is a connection error (§6.10)");

    ServerFixture f3 = new ServerFixture();
    f3.start();
    f3.receive(FrameWriter.write(new Frame.Continuation(Flags.END_HEADERS, 1, Bytes.of((byte) 0x82))));
    f3.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, f3.frames(Frame.GoAway.class).get(0).errorCode());
  }

  @Test
  void undecodableHeaderBlockIsCompressionError() {
    connectionError(ErrorCode.COMPRESSION_ERROR, FrameWriter.write(Frame.Headers.of(1, Bytes.of((byte) 0x80), true)));
  }

  @Test
  void malformedRequestsAreStreamErrors() {
    List<List<HeaderField>> bad = List.of(
        List.of(h(":method", "GET"), h(":scheme", "http"), h(":authority", "a")),
        request(h("Upper", "x")),
        request(h("connection", "keep-alive")),
        request(h("te", "gzip")),
        request(h(":status", "200")),
        List.of(h(":method", "GET"), h("x", "y"), h(":scheme", "http"), h(":path", "/")),
        request(h(":path", "/again")),
        List.of(h(":method", "GET"), h(":scheme", "http"), h(":path", "")),
        request(h("content-length", "abc")));
    for (List<HeaderField> fields : bad) {
      ServerFixture f = new ServerFixture();
      f.start();
      f.receive(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(f.encoder.encode(fields)), true)));
      f.session.send();
      List<Frame.RstStream> rst = f.frames(Frame.RstStream.class);
      assertEquals(1, rst.size(), "RST_STREAM for " + fields);
      assertEquals(ErrorCode.PROTOCOL_ERROR.code, rst.get(0).errorCode(), fields.toString());
    }
  }

  @Test
  void contentLengthMismatchIsAStreamError() {
    fx.start();
    List<HeaderField> req = TestRequests.request("POST", "a", "/", h("content-length", "5"));
    fx.receive(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(fx.encoder.encode(req)), false)));
    fx.receive(Frame.Data.of(1, Bytes.ascii("abc"), true));
    fx.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, rstCode(1));
  }

  @Test
  void trailersWithoutEndStreamAreAStreamError() {
    fx.start();
    fx.receive(headers2(fx, 1));
    fx.receive(headers(1, false, h("x-trailer", "1")));
    fx.session.send();
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, rstCode(1));
  }

  // ---- flow control on receive and WINDOW_UPDATE ----

  @Test
  void receivedDataIsCreditedBackOnceHalfTheWindowIsUsed() {
    fx.start();
    fx.receive(headers2(fx, 1));
    for (int i = 0; i < 2; i++) fx.receive(Frame.Data.of(1, Bytes.zeros(16384), false));
    fx.session.send();
    List<Frame.WindowUpdate> updates = fx.frames(Frame.WindowUpdate.class);
    assertTrue(updates.stream().anyMatch(w -> w.streamId() == 0 && w.increment() == 32768), updates.toString());
    assertTrue(updates.stream().anyMatch(w -> w.streamId() == 1 && w.increment() == 32768), updates.toString());
  }

  /** Our SETTINGS, acknowledged by the client: they bind the client from then on. */
  private void ourSettingsAcked(Setting... settings) {
    fx.session = Session.server(fx.callbacks);
    fx.session.submitSettings(settings);
    fx.receive(FrameReader.CLIENT_PREFACE.toArray());
    fx.receive(FrameWriter.write(Frame.Settings.of()));
    fx.session.send();
    fx.receive(Frame.Settings.ack());
  }

  @Test
  void dataBeyondTheConnectionWindowIsFlowControlError() {
    // nghttp2 counts credit as given back once its WINDOW_UPDATE is queued, so only a frame larger
    // than the whole window can overrun it: allow 100000-octet frames, then send 70000 octets.
    ourSettingsAcked(new Setting(SettingsParameter.MAX_FRAME_SIZE, 100_000),
        new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1 << 20));
    fx.receive(headers2(fx, 1));
    fx.receive(Frame.Data.of(1, Bytes.zeros(70_000), false));
    fx.session.send();
    assertEquals(ErrorCode.FLOW_CONTROL_ERROR.code, goAwayCode());
  }

  @Test
  void dataBeyondTheStreamWindowIsAStreamFlowControlError() {
    ourSettingsAcked(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 100));
    fx.receive(headers2(fx, 1));
    fx.receive(Frame.Data.of(1, Bytes.zeros(101), false));
    fx.session.send();
    assertEquals(ErrorCode.FLOW_CONTROL_ERROR.code, rstCode(1));
  }

  @Test
  void windowUpdateOfZeroAndOverflow() {
    connectionError(ErrorCode.PROTOCOL_ERROR, FrameWriter.writeLenient(new Frame.WindowUpdate(0, 0, 0)));
    ServerFixture f2 = new ServerFixture();
    f2.start();
    f2.receive(Frame.WindowUpdate.of(0, Integer.MAX_VALUE));
    f2.session.send();
    assertEquals(ErrorCode.FLOW_CONTROL_ERROR.code, f2.frames(Frame.GoAway.class).get(0).errorCode());
    ServerFixture f3 = new ServerFixture();
    f3.start();
    f3.receive(headers2(f3, 1));
    f3.receive(FrameWriter.writeLenient(new Frame.WindowUpdate(0, 1, 0)));
    f3.receive(Frame.WindowUpdate.of(1, Integer.MAX_VALUE));
    f3.session.send();
    List<Frame.RstStream> rst = f3.frames(Frame.RstStream.class);
    assertEquals(ErrorCode.PROTOCOL_ERROR.code, rst.get(0).errorCode(), "increment 0 on a stream: stream error");
  }

  // ---- GOAWAY and outbound order ----

  @Test
  void goAwayFromThePeerStopsNewStreams() {
    Session client = Session.client(new SessionCallbacks().send((b, o, l) -> l));
    client.memReceive(FrameWriter.write(Frame.Settings.of()));
    client.memReceive(FrameWriter.write(Frame.GoAway.of(0, ErrorCode.NO_ERROR, "bye")));
    assertEquals(NgError.START_STREAM_NOT_ALLOWED, client.submitRequest(request(), null));
  }

  @Test
  void aResponseToAStreamResetMeanwhileIsNotSentAndTheApplicationIsTold() {
    List<int[]> notSent = new ArrayList<>();
    fx.callbacks.onFrameNotSend((s, type, stream, error) -> notSent.add(new int[] {type, stream, error}));
    fx.start();
    fx.receive(headers2(fx, 1));
    fx.session.submitResponse(1, ServerFixture.okResponse(), null);
    fx.receive(Frame.RstStream.of(1, ErrorCode.CANCEL));
    fx.session.send();
    assertTrue(fx.frames(Frame.Headers.class).isEmpty());
    assertEquals(1, notSent.size());
    assertArrayEquals(new int[] {1, 1, NgError.STREAM_CLOSED}, notSent.get(0));
  }

  @Test
  void aClientOpensNoMoreStreamsThanThePeerAllows() {
    java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
    Session client = Session.client(new SessionCallbacks().send((b, o, l) -> {
      wire.write(b, o, l);
      return l;
    }));
    client.memReceive(FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, 1))));
    int first = client.submitRequest(request(), null);
    int second = client.submitRequest(request(), null);
    client.send();
    assertEquals(List.of(first), headersSent(wire));
    // The server answers the first stream; only then does the second open.
    client.memReceive(FrameWriter.write(Frame.Headers.of(first,
        Bytes.wrap(fx.encoder.encode(List.of(h(":status", "200")))), true)));
    client.send();
    assertEquals(List.of(first, second), headersSent(wire));
  }

  private static List<Integer> headersSent(java.io.ByteArrayOutputStream wire) {
    byte[] b = wire.toByteArray();
    List<Integer> ids = new ArrayList<>();
    new FrameReader(false, 1 << 20, e -> {
      if (e instanceof dev.h2harness.frame.ReadEvent.FrameRead fr && fr.frame() instanceof Frame.Headers hd) {
        ids.add(hd.streamId());
      }
    }).feed(b, 24, b.length - 24);
    return ids;
  }

  @Test
  void urgentFramesGoFirstThenRegularThenData() {
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), new CountingSource(10, false));
    fx.session.submitRstStream(3, ErrorCode.CANCEL.code);
    fx.receive(Frame.Ping.of(Bytes.zeros(8), false));
    fx.session.send();
    List<String> types = fx.frames().stream().map(Frame::typeName).toList();
    // SETTINGS ACK and PING ACK (urgent), response HEADERS and RST_STREAM (regular), then DATA.
    assertEquals(List.of("SETTINGS", "PING", "HEADERS", "RST_STREAM", "DATA"), types);
  }
}
