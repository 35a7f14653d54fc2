package dev.h2harness.session;

import dev.h2harness.TestRequests;
import dev.h2harness.frame.SettingsParameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The submissions no server path uses yet: PING, GOAWAY, WINDOW_UPDATE and a body after the first. */
class SubmitApiTest {
  private final ServerFixture fx = new ServerFixture();

  /** A body of {@code octets} (ASCII 'a'...) that ends with EOF, and with NO_END_STREAM when asked. */
  private static DataSource body(String octets, boolean noEndStream) {
    byte[] b = octets.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return (session, streamId, buf, offset, maxLength, flags) -> {
      System.arraycopy(b, 0, buf, offset, b.length);
      flags.set(DataFlags.EOF);
      if (noEndStream) flags.set(DataFlags.NO_END_STREAM);
      return b.length;
    };
  }

  @Test
  void pingGoesOutAheadOfQueuedFramesAndTheAckIsDelivered() {
    List<Frame> received = new ArrayList<>();
    fx.callbacks.onFrameReceive((s, f) -> received.add(f));
    fx.start();
    fx.session.send();
    fx.clear();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), null);
    byte[] opaque = {1, 2, 3, 4, 5, 6, 7, 8};
    assertEquals(0, fx.session.submitPing(opaque));
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitPing(new byte[7]));
    fx.session.send();
    List<Frame> out = fx.frames();
    // The urgent queue (SETTINGS ACK, PING) goes before the regular one (the response).
    Frame.Ping ping = fx.frames(Frame.Ping.class).get(0);
    assertFalse(ping.isAck());
    assertEquals(0, ping.streamId());
    assertArrayEquals(opaque, ping.opaque().toArray());
    assertTrue(out.indexOf(ping) < out.indexOf(fx.frames(Frame.Headers.class).get(0)), out.toString());
    fx.receive(Frame.Ping.of(Bytes.wrap(opaque), true));
    assertTrue(received.stream().anyMatch(f -> f instanceof Frame.Ping p && p.isAck()), received.toString());
    fx.clear();
    fx.session.send();
    assertTrue(fx.frames(Frame.Ping.class).isEmpty(), "an ACK is not answered");
  }

  @Test
  void goAwayIsSentOnceAndLaterStreamsAreIgnored() {
    fx.start();
    fx.request(1);
    assertEquals(0, fx.session.submitGoAway(1, ErrorCode.NO_ERROR.code, "done".getBytes()));
    assertEquals(0, fx.session.submitGoAway(1, ErrorCode.ENHANCE_YOUR_CALM.code, new byte[0]));
    fx.session.send();
    List<Frame.GoAway> goaways = fx.frames(Frame.GoAway.class);
    assertEquals(1, goaways.size(), "the second GOAWAY queued before the first went out is dropped");
    assertEquals(1, goaways.get(0).lastStreamId());
    assertEquals(ErrorCode.NO_ERROR.code, goaways.get(0).errorCode());
    assertEquals("done", new String(goaways.get(0).debugData().toArray()));
    assertEquals(NgError.GOAWAY_ALREADY_SENT, fx.session.submitGoAway(1, 0, new byte[0]));
    // RFC 9113 §6.8: streams above the last-stream-id are ignored once GOAWAY is sent.
    fx.clear();
    fx.request(3);
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitResponse(3, ServerFixture.okResponse(), null));
    fx.session.send();
    assertTrue(fx.frames(Frame.Headers.class).isEmpty());
  }

  @Test
  void windowUpdateAnnouncesTheIncrementAndWidensTheReceiveWindow() {
    fx.start();
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitWindowUpdate(0, 0));
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitWindowUpdate(5, 10), "no such stream");
    assertEquals(0, fx.session.submitWindowUpdate(0, SettingsParameter.DEFAULT_WINDOW));
    fx.session.send();
    List<Frame.WindowUpdate> wu = fx.frames(Frame.WindowUpdate.class);
    assertEquals(1, wu.size());
    assertEquals(0, wu.get(0).streamId());
    assertEquals(SettingsParameter.DEFAULT_WINDOW, wu.get(0).increment());
    // The connection window is now 131070: 40000 octets use less than half, so no WINDOW_UPDATE
    // gives them back yet (with the initial window alone they would: 40000 >= 32767).
    fx.clear();
    List<HeaderField> post = TestRequests.request("POST", TestRequests.AUTHORITY, "/");
    fx.receive(Frame.Headers.of(1, Bytes.wrap(fx.encoder.encode(post)), false));
    assertEquals(0, fx.session.submitWindowUpdate(1, 100_000));
    for (int i = 0; i < 4; i++) fx.receive(Frame.Data.of(1, Bytes.wrap(new byte[10_000]), false));
    fx.session.send();
    List<Frame.WindowUpdate> after = fx.frames(Frame.WindowUpdate.class);
    assertEquals(List.of(1), after.stream().map(Frame::streamId).toList(), "only the stream's own increment");
    assertEquals(100_000, after.get(0).increment());
    assertTrue(fx.frames(Frame.GoAway.class).isEmpty());
  }

  @Test
  void aSecondBodyFollowsOneThatEndedWithoutEndStream() {
    fx.start();
    fx.request(1);
    DataSource hello = body("hello", true);
    boolean[] deferredOnce = {false};
    DataSource first = (session, id, buf, off, max, flags) -> {
      if (!deferredOnce[0]) {
        deferredOnce[0] = true;
        return NgError.DEFERRED;
      }
      return hello.read(session, id, buf, off, max, flags);
    };
    assertEquals(0, fx.session.submitResponse(1, ServerFixture.okResponse(), first));
    fx.session.send();
    assertEquals(NgError.DATA_EXIST, fx.session.submitData(1, true, body("x", false)), "the deferred body is attached");
    assertEquals(0, fx.session.resumeData(1));
    fx.session.send();
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitData(0, true, body("x", false)));
    assertEquals(NgError.INVALID_ARGUMENT, fx.session.submitData(9, true, body("x", false)));
    assertEquals(0, fx.session.submitData(1, true, body("bye", false)));
    fx.session.send();
    List<Frame.Data> data = fx.data(1);
    assertEquals(2, data.size(), data.toString());
    assertEquals("hello", new String(data.get(0).data().toArray()));
    assertFalse(ServerFixture.endStream(data.get(0)));
    assertEquals("bye", new String(data.get(1).data().toArray()));
    assertTrue(ServerFixture.endStream(data.get(1)));
    assertEquals(dev.h2harness.stream.StreamState.CLOSED, fx.session.streamState(1));
  }
}
