package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.stream.StreamState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionModelTest {
  private static HandMadeCapture cleanExchange() {
    HandMadeCapture c = new HandMadeCapture().handshake(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1000));
    c.request(1, "h2h-body", "1000");
    c.response(1, 200, false, "content-length", "1000");
    c.target(Frame.Data.padded(1, HandMadeCapture.body(0, 600), false, 10));
    c.target(Frame.Data.of(1, HandMadeCapture.body(600, 390), false));
    c.peer(Frame.WindowUpdate.of(1, 100));
    c.target(Frame.Data.padded(1, HandMadeCapture.body(990, 0), false, 1));
    c.target(Frame.Data.padded(1, HandMadeCapture.body(990, 10), true, 5));
    c.target(Frame.GoAway.of(1, ErrorCode.NO_ERROR, "bye"));
    return c;
  }

  @Test void cleanExchangeHasNoFindingsAndItsStateIsVisible() {
    ConnectionModel m = cleanExchange().closeTarget().replay();
    Expect.none(m);
    StreamView s = m.stream(1);
    assertEquals(StreamState.CLOSED, s.state());
    assertEquals(200, s.status());
    assertEquals(1000, s.bodyBytes());
    assertEquals(1000, s.expectedBody().length());
    assertEquals(1000, s.contentLength());
    assertTrue(s.endStreamSeen());
    assertEquals("GET", s.method());
    assertEquals(-1, s.targetResetCode());
    assertEquals(4, s.dataFrameCount());
    List<DataFrameSummary> frames = s.dataFrames();
    assertEquals(List.of(600 + 10, 390, 1, 10 + 5), frames.stream().map(DataFrameSummary::length).toList());
    assertEquals(List.of(10, 0, 1, 5), frames.stream().map(DataFrameSummary::padlen).toList());
    assertEquals(Flags.END_STREAM | Flags.PADDED, frames.get(3).flags());
    assertEquals(1000 + 100 - (610 + 390 + 1 + 15), m.streamWindow(1));
    assertEquals(SettingsParameter.DEFAULT_WINDOW - (610 + 390 + 1 + 15), m.connectionWindow());
    assertEquals(1, m.goAwayFromTarget().orElseThrow().lastStreamId());
    assertTrue(m.connectionClosed());
    assertEquals(1000, m.peerSetting(SettingsParameter.INITIAL_WINDOW_SIZE.id));
    assertEquals(List.of(1), m.streams().stream().map(StreamView::id).toList());
  }

  @Test void frameLogHasALinePerFrameInBothDirections() {
    List<FrameLogLine> lines = new ArrayList<>();
    ConnectionModel m = cleanExchange().replay(HandMadeCapture.model(lines::add), n -> n);
    Expect.none(m);
    assertEquals(">>", lines.get(0).direction().arrow());
    assertEquals("PREFACE", lines.get(0).type());
    FrameLogLine data = lines.stream().filter(l -> l.type().equals("DATA")).findFirst().orElseThrow();
    assertEquals(Direction.FROM_TARGET, data.direction());
    assertEquals("PADDED", data.flags());
    assertEquals("data=600 padlen=10", data.summary());
    assertTrue(data.toString().startsWith("<< "), data.toString());
    assertTrue(data.toString().endsWith("DATA[PADDED] stream=1 len=610 data=600 padlen=10"), data.toString());
    long frames = lines.stream().filter(l -> l.index() >= 0).count();
    assertEquals(4 + 8, frames);
  }

  @Test void findingToStringIsOneLine() {
    Finding f = new Finding(Rules.FLOW_WINDOW, "RFC 9113 §6.9.1", 1, 4, 120, "at most 100 octets", "101 octets",
        "DATA of 101 octets exceeds the stream 1 window of 100", Direction.FROM_TARGET);
    assertEquals("flow.window (RFC 9113 §6.9.1) stream 1 frame #4 at byte 120: DATA of 101 octets exceeds the "
        + "stream 1 window of 100 [expected at most 100 octets, actual 101 octets]", f.toString());
    assertFalse(f.toString().contains("\n"));
  }

  @Test void targetAsClientReadsItsPreface() {
    ConnectionModel m = new ConnectionModel(false);
    byte[] preface = dev.h2harness.frame.FrameReader.CLIENT_PREFACE.toArray();
    m.fromTarget(preface, 0, preface.length);
    byte[] settings = dev.h2harness.frame.FrameWriter.write(Frame.Settings.of());
    m.fromTarget(settings, 0, settings.length);
    byte[] bad = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    ConnectionModel wrong = new ConnectionModel(false);
    wrong.fromTarget(bad, 0, bad.length);
    Expect.none(m);
    Expect.only(wrong, Rules.FRAME_MALFORMED, 0, -1, 0);
  }

  @Test void aFrameCutByTheCloseIsAFindingOfThatKind() {
    ConnectionModel m = new ConnectionModel(true);
    byte[] settings = dev.h2harness.frame.FrameWriter.write(Frame.Settings.of());
    m.fromTarget(settings, 0, settings.length);
    m.fromTarget(settings, 0, 5);
    m.targetClosed();
    Finding cut = Expect.only(m, Rules.FRAME_MALFORMED, 0, -1, settings.length);
    assertEquals(java.util.Optional.of(dev.h2harness.frame.FrameProblem.Kind.TRUNCATED), cut.frameProblem());
    assertTrue(cut.cutInsideFrame(), cut.toString());
    // The kind is read, not the words: a finding that only says so is not one.
    Finding lookAlike = new Finding(Rules.FRAME_MALFORMED, cut.section(), 0, -1, 0, cut.expected(), cut.actual(),
        cut.message(), Direction.FROM_TARGET);
    assertFalse(lookAlike.cutInsideFrame());
  }

  @Test void aStreamHasEndedOnTheTargetsEndStreamOrEitherSidesReset() {
    HandMadeCapture c = new HandMadeCapture().handshake();
    c.request(1);
    c.request(3);
    c.request(5);
    c.request(7);
    c.response(1, 200, true);
    c.response(3, 200, false);
    c.target(Frame.RstStream.of(5, ErrorCode.CANCEL));
    c.peer(Frame.RstStream.of(7, ErrorCode.CANCEL));
    ConnectionModel m = c.replay();
    Expect.none(m);
    assertTrue(m.stream(1).ended());
    assertFalse(m.stream(3).ended());
    assertTrue(m.stream(5).ended());
    assertTrue(m.stream(7).ended());
  }
}
