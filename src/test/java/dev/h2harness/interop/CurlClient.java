package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** curl (Debian curl, libcurl over nghttp2): h2c with prior knowledge, or TLS with ALPN (-k). */
record CurlClient() implements ClientStack {
  /**
   * client/reactions/early-response-mid-upload is left out: curl 7.88.1 sometimes stops its upload
   * there and neither ends nor resets the stream (README, "listen: interop notes"), and sometimes
   * finishes it; a cell that flips would make CI flaky, so it is not in curl's rows.
   */
  static final List<String> ONLY = List.of("client/generic/", "client/reactions/connection-window-opened-slowly",
      "client/reactions/early-response-then-rst-no-error", "client/reactions/goaway-below-open-stream",
      "client/reactions/initial-window-*", "client/reactions/max-frame-size-raised-mid-upload",
      "client/reactions/ping-mid-upload", "client/reactions/rst-stream-mid-upload", "client/reactions/stream-window-*");

  @Override public String id() {
    return "curl";
  }

  @Override public String name() {
    return "curl";
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("curl", "--version"), "^curl (\\S+)") + " (nghttp2 "
        + ProgramVersion.of(List.of("curl", "--version"), "nghttp2/(\\S+)") + ")";
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return External.missing("curl");
  }

  @Override public String command(Wire wire, Path body) {
    String how = wire == Wire.H2C ? "--http2-prior-knowledge" : "-k --http2";
    return "curl -sS " + how + " --data-binary @" + body + " -o /dev/null {url}";
  }

  @Override public List<String> only() {
    return ONLY;
  }
}
