package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** nghttp (Debian nghttp2-client), libnghttp2's own client; with {@code -b N} it pads its frames. */
record NghttpClient(int padding) implements ClientStack {
  @Override public String id() {
    return padding == 0 ? "nghttp" : "nghttp-padding";
  }

  @Override public String name() {
    return padding == 0 ? "nghttp" : "nghttp -b " + padding;
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("nghttp", "--version"), "nghttp2/(\\S+)");
  }

  @Override public Set<Wire> wires() {
    return padding == 0 ? Set.of(Wire.H2C, Wire.TLS) : Set.of(Wire.H2C);
  }

  @Override public String missing() {
    return External.missing("nghttp");
  }

  @Override public String command(Wire wire, Path body) {
    return "nghttp" + (padding == 0 ? "" : " -b " + padding) + " -d " + body + " {url}";
  }
}
