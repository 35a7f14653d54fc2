package dev.h2harness.control;

import dev.h2harness.frame.FrameType;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.DataFrameInfo;
import dev.h2harness.session.DataSource;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import dev.h2harness.session.SessionCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference client of contract §5, sans-IO: a client {@link Session} that uploads the body its
 * URL asks for through NO_COPY, hands over its call log on stream 3 ({@code POST
 * /h2h/client-log?stream=1}) once stream 1 has ended, then sends GOAWAY. It is the oracle of a
 * client control scenario, and what a cooperating client must reproduce.
 */
public final class ControlledClient {
  /** The path of the call-log hand-over request. */
  public static final String LOG_PATH = "/h2h/client-log?stream=1";

  private final OutputSink sink;
  private final Session session;
  private final CallLog log = new CallLog();
  private final ControlHeaders control;
  private final String authority;
  private final ArrayDeque<SendDataOutcome> script;
  private final byte[] padByte = new byte[1];
  private static final byte[] ZEROS = new byte[Session.MAX_PADLEN];
  private int seq;
  private boolean done;

  /**
   * @param path the request path with its query, e.g. {@code /h2h/client/x?h2h-body=10}
   * @throws ControlHeaderException when the query's {@code h2h-} parameters are malformed
   */
  public ControlledClient(OutputSink sink, String authority, String path) throws ControlHeaderException {
    this.sink = sink;
    this.authority = authority;
    this.control = ClientControl.fromPath(path);
    this.script = new ArrayDeque<>(control == null ? List.of() : control.sendData());
    SessionCallbacks cb = new SessionCallbacks()
        .send(this::send)
        .sendData(this::sendData)
        .selectPadding(this::selectPadding)
        .onStreamClose((s, id, code) -> onClose(id));
    this.session = Session.client(cb);
    session.submitSettings();
    List<HeaderField> fields = new ArrayList<>(List.of(
        HeaderField.of(":method", control == null ? "GET" : "POST"), HeaderField.of(":scheme", "http"),
        HeaderField.of(":authority", authority), HeaderField.of(":path", path)));
    if (control == null) {
      session.submitRequest(fields, null);
      return;
    }
    fields.add(HeaderField.of("h2h-version", ControlledServer.VERSION));
    if (!control.trailers()) fields.add(HeaderField.of("content-length", Long.toString(control.body())));
    session.submitRequest(fields, new PatternBody(control.body(), control.chunk(), control.trailers()));
  }

  public Session session() {
    return session;
  }

  public CallLog log() {
    return log;
  }

  /** True once the client has sent its GOAWAY: nothing more will come. */
  public boolean done() {
    return done;
  }

  private void onClose(int id) {
    if (id == 1 && control != null) {
      byte[] json = log.toJson(1).getBytes(StandardCharsets.UTF_8);
      int rv = session.submitRequest(List.of(HeaderField.of(":method", "POST"), HeaderField.of(":scheme", "http"),
          HeaderField.of(":authority", authority), HeaderField.of(":path", LOG_PATH),
          HeaderField.of("content-type", "application/json"),
          HeaderField.of("content-length", Integer.toString(json.length))), new BytesBody(json));
      if (rv < 0) {
        // After the server's GOAWAY no stream may open: the log is not handed over.
        session.submitGoAway(0, 0, new byte[0]);
        done = true;
      }
    } else if (id == (control == null ? 1 : 3)) {
      session.submitGoAway(0, 0, new byte[0]);
      done = true;
    }
  }

  private int send(byte[] data, int offset, int length) {
    int n = Math.min(length, sink.room());
    if (n == 0) return NgError.WOULDBLOCK;
    sink.write(data, offset, n);
    return n;
  }

  private int selectPadding(Session s, int frameType, int streamId, int length, int max) {
    int pad = control == null || streamId != 1 ? -1 : control.pad();
    // contract §4: h2h-pad pads the upload's DATA frames only.
    if (frameType != FrameType.DATA.code || pad < 0) return length;
    if (pad == ControlHeaders.PAD_MAX) return max;
    return (int) Math.min(max, (long) length + pad);
  }

  /** The NO_COPY callback of the upload: one scripted outcome per call; ok and pause write the frame. */
  private int sendData(Session s, DataFrameInfo frame, byte[] framehd, int length, DataSource source) {
    if (!(source instanceof NoCopyBody body)) return NgError.CALLBACK_FAILURE;
    if (sink.room() < 9 + frame.header().length()) return NgError.WOULDBLOCK;
    SendDataOutcome outcome = script.isEmpty() ? SendDataOutcome.OK : script.poll();
    seq++;
    log.add(new SendDataCall(seq, s.sendCallCount(), body.reads(), java.util.HexFormat.of().formatHex(framehd),
        frame.header().length(), frame.header().type(), frame.header().flags(), frame.streamId(), length,
        frame.padlen(), outcome.returned()));
    if (outcome.writes()) {
      int padlen = frame.padlen();
      sink.write(framehd, 0, 9);
      if (padlen > 0) {
        padByte[0] = (byte) (padlen - 1);
        sink.write(padByte, 0, 1);
      }
      body.writePayload(sink, length);
      if (padlen > 1) sink.write(ZEROS, 0, padlen - 1);
    }
    return outcome.returned();
  }
}
