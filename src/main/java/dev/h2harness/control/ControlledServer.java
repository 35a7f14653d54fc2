package dev.h2harness.control;

import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.DataFrameInfo;
import dev.h2harness.session.DataSource;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import dev.h2harness.session.SessionCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference server's application, sans-IO: a server {@link Session} answering requests with the
 * control headers of contract §4, serving {@code /h2h/log}, and sending every pattern body through
 * NO_COPY into an {@link OutputSink}. The socket server and the in-memory oracle both run it.
 */
public final class ControlledServer {
  /** Sent in our SETTINGS; the libnghttp2 shim sends the same so their bytes compare. */
  public static final int MAX_CONCURRENT_STREAMS = 100;
  public static final String VERSION = "1";

  /** Answers requests without control headers (static files, the default page). */
  @FunctionalInterface
  public interface Fallback {
    /** Submits a response for {@code request}; returns false to get the built-in answer. */
    boolean respond(Session session, int streamId, Request request);
  }

  /** A request as the application sees it once its headers have arrived. */
  public record Request(String method, String path, List<HeaderField> fields) {}

  private final OutputSink sink;
  private final Session session;
  private final CallLog log = new CallLog();
  private final Map<Integer, List<HeaderField>> requestFields = new HashMap<>();
  private final Map<Integer, Scripted> scripted = new HashMap<>();
  private final Map<Integer, Upload> uploads = new HashMap<>();
  private final int defaultPad;
  private final byte[] padByte = new byte[1];
  private static final byte[] ZEROS = new byte[Session.MAX_PADLEN];
  private Fallback fallback = (s, id, r) -> false;

  /** The state of one control-header response. */
  private static final class Scripted {
    final PatternBody body;
    final int pad;
    final ArrayDeque<SendDataOutcome> script;
    int seq;

    Scripted(PatternBody body, int pad, List<SendDataOutcome> script) {
      this.body = body;
      this.pad = pad;
      this.script = new ArrayDeque<>(script);
    }
  }

  /**
   * @param defaultPad padding for responses without {@code h2h-pad}: -1 none, N, or
   *     {@link ControlHeaders#PAD_MAX}
   */
  public ControlledServer(OutputSink sink, int defaultPad) {
    this(sink, defaultPad, List.of());
  }

  /** As above, with {@code extraSettings} sent after MAX_CONCURRENT_STREAMS in our first SETTINGS. */
  public ControlledServer(OutputSink sink, int defaultPad, List<Setting> extraSettings) {
    this.sink = sink;
    this.defaultPad = defaultPad;
    SessionCallbacks cb = new SessionCallbacks()
        .send(this::send)
        .sendData(this::sendData)
        .selectPadding(this::selectPadding)
        .onBeginHeaders((s, f) -> requestFields.putIfAbsent(f.streamId(), new ArrayList<>()))
        .onHeader((s, id, field) -> requestFields.computeIfAbsent(id, k -> new ArrayList<>()).add(field))
        .onFrameReceive(this::onFrameReceive)
        .onDataChunk((s, id, data, off, len) -> uploads.computeIfAbsent(id, k -> new Upload()).add(data, off, len))
        .onStreamClose((s, id, code) -> {
          requestFields.remove(id);
          scripted.remove(id);
          uploads.remove(id);
        });
    this.session = Session.server(cb);
    List<Setting> settings = new ArrayList<>();
    settings.add(new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS));
    settings.addAll(extraSettings);
    session.submitSettings(settings.toArray(Setting[]::new));
  }

  public ControlledServer fallback(Fallback fallback) {
    this.fallback = fallback;
    return this;
  }

  public Session session() {
    return session;
  }

  public CallLog log() {
    return log;
  }

  private int send(byte[] data, int offset, int length) {
    int n = Math.min(length, sink.room());
    if (n == 0) return NgError.WOULDBLOCK;
    sink.write(data, offset, n);
    return n;
  }

  private void onFrameReceive(Session s, Frame f) {
    boolean requestComplete = f.hasFlag(Flags.END_STREAM)
        && (f instanceof Frame.Headers || f instanceof Frame.Data);
    if (requestComplete) {
      respond(f.streamId(), requestFields.getOrDefault(f.streamId(), List.of()));
    }
  }

  private void respond(int streamId, List<HeaderField> fields) {
    String method = value(fields, ":method");
    String path = value(fields, ":path");
    ControlHeaders control;
    try {
      control = ControlHeaders.parse(fields);
    } catch (ControlHeaderException e) {
      respondText(streamId, 400, "text/plain", e.getMessage() + "\n");
      return;
    }
    if (control != null) {
      PatternBody body = new PatternBody(control.body(), control.chunk(), control.trailers());
      int pad = control.pad() >= 0 ? control.pad() : defaultPad;
      scripted.put(streamId, new Scripted(body, pad, control.sendData()));
      session.submitResponse(streamId, List.of(
          HeaderField.of(":status", "200"),
          HeaderField.of("content-type", "application/octet-stream"),
          HeaderField.of("content-length", Long.toString(control.body())),
          HeaderField.of("h2h-version", VERSION)), body);
      return;
    }
    String authority = value(fields, ":authority");
    String host = value(fields, "host");
    if (authority != null && host != null && !authority.equalsIgnoreCase(host)) {
      // RFC 9113 §8.3.1: a Host that names another entity than :authority SHOULD make the request malformed.
      respondText(streamId, 400, "text/plain", "host " + host + " differs from :authority " + authority + "\n");
      return;
    }
    if (path != null && path.startsWith("/h2h/log")) {
      respondLog(streamId, path);
      return;
    }
    if ("/h2h/upload".equals(path)) {
      Upload u = uploads.getOrDefault(streamId, new Upload());
      respondText(streamId, 200, "application/json", "{\"length\":" + u.length + ",\"sha256\":\"" + u.hex() + "\"}");
      return;
    }
    if (fallback.respond(session, streamId, new Request(method, path, fields))) {
      return;
    }
    if ("/".equals(path) || "/index.html".equals(path)) {
      respondText(streamId, 200, "text/html; charset=utf-8",
          "<!doctype html><title>h2harness</title><p>h2harness reference server: "
              + "nghttp2's NO_COPY send path, driven by h2h- control headers.</p>\n");
    } else {
      respondText(streamId, 404, "text/plain", "not found: " + path + "\n");
    }
  }

  private void respondLog(int streamId, String path) {
    String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
    Integer stream = null;
    for (String kv : query.split("&")) {
      if (kv.startsWith("stream=") && kv.substring(7).matches("[0-9]{1,10}")) {
        long v = Long.parseLong(kv.substring(7));
        if (v <= Integer.MAX_VALUE) stream = (int) v;
      }
    }
    if (stream == null) {
      respondText(streamId, 400, "text/plain", "/h2h/log needs ?stream=N\n");
      return;
    }
    respondText(streamId, 200, "application/json", log.toJson(stream));
  }

  /** A small copied body with content-length and {@code h2h-version}. */
  public void respondText(int streamId, int status, String type, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    // RFC 9110 §9.3.2: the server MUST NOT send content in the response to HEAD.
    boolean head = "HEAD".equals(value(requestFields.getOrDefault(streamId, List.of()), ":method"));
    session.submitResponse(streamId, List.of(
        HeaderField.of(":status", Integer.toString(status)),
        HeaderField.of("content-type", type),
        HeaderField.of("content-length", Integer.toString(body.length)),
        HeaderField.of("h2h-version", VERSION)), head ? null : new BytesBody(body));
  }

  private int selectPadding(Session s, int frameType, int streamId, int length, int max) {
    if (frameType != FrameType.DATA.code) {
      return length; // contract §4: h2h-pad pads DATA frames only.
    }
    Scripted sc = scripted.get(streamId);
    int pad = sc != null ? sc.pad : defaultPad;
    if (pad < 0) return length;
    if (pad == ControlHeaders.PAD_MAX) return max;
    return (int) Math.min(max, (long) length + pad);
  }

  /** The NO_COPY callback: one scripted outcome per call; only ok and pause write the frame. */
  private int sendData(Session s, DataFrameInfo frame, byte[] framehd, int length, DataSource source) {
    if (!(source instanceof NoCopyBody body)) {
      return NgError.CALLBACK_FAILURE;
    }
    if (sink.room() < 9 + frame.header().length()) {
      // The socket is full: a real WOULDBLOCK, not a scripted one; the script waits for the retry.
      return NgError.WOULDBLOCK;
    }
    Scripted sc = scripted.get(frame.streamId());
    SendDataOutcome outcome = sc == null || sc.script.isEmpty() ? SendDataOutcome.OK : sc.script.poll();
    if (sc != null) {
      sc.seq++;
      log.add(new SendDataCall(sc.seq, s.sendCallCount(), body.reads(), hex(framehd),
          frame.header().length(), frame.header().type(), frame.header().flags(), frame.streamId(),
          length, frame.padlen(), outcome.returned()));
    }
    if (outcome.writes()) {
      writeFrame(frame, framehd, length, body);
    }
    return outcome.returned();
  }

  /** Writes header, Pad Length, payload and padding as one unit (contract §1.7). */
  private void writeFrame(DataFrameInfo frame, byte[] framehd, int length, NoCopyBody body) {
    int padlen = frame.padlen();
    sink.write(framehd, 0, 9);
    if (padlen > 0) {
      padByte[0] = (byte) (padlen - 1);
      sink.write(padByte, 0, 1);
    }
    body.writePayload(sink, length);
    if (padlen > 1) {
      sink.write(ZEROS, 0, padlen - 1);
    }
  }

  /** A request body seen at {@code /h2h/upload}: counted and digested as it arrives, never kept. */
  private static final class Upload {
    private final java.security.MessageDigest sha256;
    long length;

    Upload() {
      try {
        sha256 = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    void add(byte[] data, int off, int len) {
      sha256.update(data, off, len);
      length += len;
    }

    String hex() {
      return java.util.HexFormat.of().formatHex(sha256.digest());
    }
  }

  private static String value(List<HeaderField> fields, String name) {
    for (HeaderField f : fields) {
      if (f.name().equals(name)) return f.value();
    }
    return null;
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
