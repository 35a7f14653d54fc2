package dev.h2harness.peer;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.GoAwayInfo;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a target once, on one connection, within one timeout: does it send an HTTP/2 server
 * preface, does it answer a GET of the generic path with 2xx, does it honour the control headers.
 * What answers instead (an HTTP/1.x status line, a TLS record, another first frame, nothing, a
 * close) is named in one line, so that a wrong URL costs one timeout and not a catalogue of findings.
 */
public final class TargetProbe {
  /** Octets of the target's answer kept to name what it was. */
  private static final int KEEP = 512;

  private TargetProbe() {}

  /**
   * @param scheme {@code http} or {@code https}, for {@code :scheme}
   * @param headerListLimit the SETTINGS_MAX_HEADER_LIST_SIZE the peer announces
   */
  public static TargetClass classify(Transport t, String scheme, String authority, String path, int timeoutMillis,
      int headerListLimit) {
    ConnectionModel model = new ConnectionModel(true);
    Capture capture = new Capture(KEEP);
    ScriptedPeer peer = new ScriptedPeer(t, model, capture, timeoutMillis, timeoutMillis,
        FlowPolicy.replenishToDefaultWindows());
    PeerResult r = peer.run(true, List.of(
        new PeerStep.Settings(List.of(new Setting(SettingsParameter.MAX_HEADER_LIST_SIZE, headerListLimit))),
        new PeerStep.Request(1, RequestFields.of("GET", scheme, authority, path), true, false),
        new PeerStep.Request(3, RequestFields.of("GET", scheme, authority, "/", HeaderField.of("h2h-body", "0")),
            true, false),
        new PeerStep.WaitHeaders(1),
        new PeerStep.WaitHeaders(3)));
    byte[] got = capture.kept(Capture.Direction.FROM_TARGET);
    String preface = preface(got, r, peer, t, timeoutMillis);
    if (preface != null) return new TargetClass.CouldNotRun(preface);
    if (peer.violation() != null) {
      // An HTTP/2 server that breaks the protocol at once: every scenario will name it.
      return new TargetClass.Http2(-1, false, "the target's first frames are a connection error ("
          + peer.violation().root().rule().id() + ")");
    }
    StreamView generic = model.stream(1);
    String request = "GET " + path;
    if (generic == null || generic.responseHeaders().isEmpty()) {
      if (generic != null && generic.targetResetCode() >= 0) {
        return new TargetClass.CouldNotRun(request + " was reset with RST_STREAM("
            + ErrorCode.nameOf(generic.targetResetCode()) + ")");
      }
      if (r.outcome() == PeerResult.Outcome.CLOSED) {
        return new TargetClass.CouldNotRun("the target closed the connection before answering " + request
            + goAway(model.goAwayFromTarget()));
      }
      return new TargetClass.CouldNotRun(request + " got no response headers within " + seconds(timeoutMillis)
          + " (the server preface arrived)");
    }
    int status = generic.status();
    if (status < 200 || status > 299) {
      return new TargetClass.CouldNotRun(request + " answered " + status);
    }
    StreamView control = model.stream(3);
    if (control == null || control.responseHeaders().isEmpty()) {
      return new TargetClass.Http2(status, false, "the target did not answer h2h-body: 0 within "
          + seconds(timeoutMillis) + " (contract §4)");
    }
    boolean honours = control.responseHeaders().stream().anyMatch(f -> f.name().equals("h2h-version"));
    return new TargetClass.Http2(status, honours, honours ? "" : "the target does not honour the control headers: "
        + "it answered h2h-body: 0 without an h2h-version header (contract §4)");
  }

  /** Null when the target's first octets are an HTTP/2 server preface, else what they are. */
  private static String preface(byte[] got, PeerResult r, ScriptedPeer peer, Transport t, int timeoutMillis) {
    if (got.length == 0) {
      if (r.outcome() == PeerResult.Outcome.CLOSED) {
        return peer.closeReason() != null
            ? "the connection failed before the server preface: " + peer.closeReason()
            : "the target closed the connection before sending anything (no server preface)"
                + (t.describe().startsWith("h2 (TLS)") ? "" : "; a TLS-only port does this: try https://");
      }
      return "nothing arrived within " + seconds(timeoutMillis) + ": no server preface";
    }
    String ascii = new String(got, StandardCharsets.ISO_8859_1);
    if (ascii.startsWith("HTTP/")) {
      int end = ascii.indexOf('\r');
      String line = ascii.substring(0, end < 0 ? Math.min(ascii.length(), 80) : Math.min(end, 80));
      return "the target answered HTTP/1.x, not HTTP/2: \"" + line + "\"";
    }
    if (!t.describe().startsWith("h2 (TLS)") && got.length >= 2 && (got[0] >= 0x14 && got[0] <= 0x17) && got[1] == 3) {
      return "the target answered with a TLS record on a plain connection: try https://";
    }
    if (got.length < FrameHeader.SIZE) {
      return "the server preface is incomplete after " + seconds(timeoutMillis) + ": " + got.length + " octet"
          + (got.length == 1 ? "" : "s") + " (" + hex(got) + ")"
          + (r.outcome() == PeerResult.Outcome.CLOSED ? ", then the connection closed" : "");
    }
    int length = ((got[0] & 0xff) << 16) | ((got[1] & 0xff) << 8) | (got[2] & 0xff);
    int type = got[3] & 0xff;
    if (type != FrameType.SETTINGS.code || (got[4] & 1) != 0) {
      return "the first frame is " + FrameType.nameOf(type) + ((got[4] & 1) != 0 && type == FrameType.SETTINGS.code
          ? " with ACK" : "") + " (length " + length + "), not SETTINGS: not an HTTP/2 server preface (RFC 9113 §3.4)";
    }
    if (got.length < FrameHeader.SIZE + Math.min(length, KEEP - FrameHeader.SIZE)
        && r.outcome() != PeerResult.Outcome.COMPLETED && peer.violation() == null) {
      return "the server preface is incomplete: SETTINGS of length " + length + ", " + (got.length - FrameHeader.SIZE)
          + " payload octets within " + seconds(timeoutMillis);
    }
    return null;
  }

  private static String goAway(Optional<GoAwayInfo> g) {
    return g.map(x -> " (GOAWAY(" + ErrorCode.nameOf(x.errorCode()) + "))").orElse("");
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 16); i++) s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i]));
    return s.toString();
  }

  private static String seconds(int millis) {
    return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)) + " s";
  }
}
