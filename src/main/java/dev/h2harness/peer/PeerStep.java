package dev.h2harness.peer;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.hpack.HeaderField;
import java.util.List;
import java.util.Optional;

/**
 * One action of the scripted peer. Sending steps write at once; waiting steps read until their
 * condition holds, the target closes, or the peer's timeout runs out.
 */
public sealed interface PeerStep {
  /** A SETTINGS frame with any parameters, legal or not. */
  record Settings(List<Setting> settings) implements PeerStep {}

  /**
   * A request's HEADERS (HPACK-encoded by the peer). {@code collect} keeps the response body.
   * {@code fields} are sent as given; {@code control} is what the control headers among them ask
   * for (contract §4), when the request is a control request.
   */
  record Request(int streamId, List<HeaderField> fields, boolean endStream, boolean collect,
                 Optional<ControlHeaders> control) implements PeerStep {
    /** A request without control headers. */
    public Request(int streamId, List<HeaderField> fields, boolean endStream, boolean collect) {
      this(streamId, fields, endStream, collect, Optional.empty());
    }
  }

  /** Any typed frame, written as its fields say even when illegal. */
  record SendFrame(Frame frame) implements PeerStep {}

  /** Raw octets, e.g. a frame whose length field lies, or garbage. */
  record SendBytes(Bytes bytes) implements PeerStep {}

  record WindowUpdate(int streamId, int increment) implements PeerStep {}

  record RstStream(int streamId, long errorCode) implements PeerStep {}

  /** PING, then wait for its ACK: the connection is still alive. */
  record Ping() implements PeerStep {}

  /** Wait until the target ends the stream (END_STREAM or RST_STREAM). */
  record WaitStream(int streamId) implements PeerStep {}

  /** Wait until the target has sent the stream's response headers, or ended or reset it. */
  record WaitHeaders(int streamId) implements PeerStep {}

  /** Wait until the target has sent {@code bytes} body octets on the stream. */
  record WaitBody(int streamId, long bytes) implements PeerStep {}

  /** Wait for a frame of {@code type} ({@code -1}: any) on {@code streamId} ({@code -1}: any). */
  record WaitFrame(int type, int streamId) implements PeerStep {
    /** Whether {@code f} is a frame this step waits for. */
    public boolean matches(dev.h2harness.frame.Frame f) {
      return (type < 0 || type == f.typeCode()) && (streamId < 0 || streamId == f.streamId());
    }
  }

  /** The target must close the connection (GOAWAY first or not) before the timeout. */
  record ExpectClose() implements PeerStep {}

  /** The target must send nothing for {@code millis}. */
  record ExpectSilence(int millis) implements PeerStep {}

  record Sleep(int millis) implements PeerStep {}

  /**
   * The harness as a server answers the client's stream: HEADERS with {@code status}, then
   * {@code body} octets (i mod 251) in DATA frames, END_STREAM on the last frame when {@code endStream}.
   */
  record Respond(int streamId, int status, int body, boolean endStream) implements PeerStep {}

  /** The harness as a server sends GOAWAY naming {@code lastStreamId} (a logical stream, or 0). */
  record GoAway(int lastStreamId, long errorCode) implements PeerStep {}

  /**
   * Brings the stream's and the connection's windows up to at least {@code minimum}, never past
   * 2^31−1: how the runner makes room for its own requests whatever the scenario did to the windows.
   */
  record Credit(int streamId, int minimum) implements PeerStep {}

  /**
   * A HEADERS or CONTINUATION frame built from parts: {@code prefix} (Pad Length, priority fields)
   * written before the header block, then the block ({@code block} as given, or {@code fields}
   * encoded without indexing so that the peer's compression context is left as it was), then
   * {@code padding} zero octets. Fields may be anything: uppercase names, CR, LF, NUL.
   */
  record HeaderBlock(int type, int flags, int streamId, Bytes prefix, List<HeaderField> fields, Bytes block,
                     int padding) implements PeerStep {}

  /**
   * Waits for the target's reaction to what the scenario sent: a close, a GOAWAY (then for the
   * close that must follow), or, when {@code streamId} is not 0, the stream's RST_STREAM or end.
   * Never fails by itself: the scenario's outcomes judge what arrived. With {@code ping}, a PING
   * goes out first and its ACK also ends the wait: a target that ignores the frame is seen at once.
   */
  record AwaitReaction(int streamId, boolean ping) implements PeerStep {}

  /**
   * Opens a second connection to the target, sends a request and waits for its complete
   * response within the timeout: the target still serves others (e.g. while an attack runs).
   */
  record SecondConnection(List<HeaderField> request) implements PeerStep {}

  /** PING, then its ACK or the connection's close: the target is alive or has defended itself by closing. */
  record PingOrClose() implements PeerStep {}

  /** Waits for a SETTINGS or PING frame ({@code type}) with the ACK flag. */
  record WaitAck(int type) implements PeerStep {}

  /**
   * Opens one stream more than the SETTINGS_MAX_CONCURRENT_STREAMS the target announced, each with
   * {@code request} without END_STREAM so that all stay open (RFC 9113 §5.1.2). A target that
   * announces no limit up to {@code MAX} makes the scenario not applicable.
   */
  record ExceedConcurrency(List<HeaderField> request) implements PeerStep {
    public static final int MAX = 1000;
  }

  /**
   * A DATA frame with END_STREAM of one octet more than the SETTINGS_MAX_FRAME_SIZE the target
   * announced (RFC 9113 §4.2), zeros. A target announcing the largest length a frame header can
   * carry (2^24-1) makes the scenario not applicable. It reads the SETTINGS that arrived so far:
   * a {@code ping} step before the request makes sure they did.
   */
  record OversizedData(int streamId) implements PeerStep {}
}
