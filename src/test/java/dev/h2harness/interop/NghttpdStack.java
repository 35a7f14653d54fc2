package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nghttpd (Debian nghttp2-server), libnghttp2's own server; optionally with --padding. */
record NghttpdStack(int padding) implements ServerStack {
  @Override public String id() {
    return padding == 0 ? "nghttpd" : "nghttpd-padding";
  }

  @Override public String name() {
    return padding == 0 ? "nghttpd" : "nghttpd --padding=" + padding;
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("nghttpd", "--version"), "nghttp2/(\\S+)");
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return External.missing("nghttpd");
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    int port = ExternalServer.freePort();
    List<String> cmd = new ArrayList<>(List.of("nghttpd", "-a", "127.0.0.1", "-d", root.dir().toString()));
    if (padding > 0) cmd.add("--padding=" + padding);
    if (wire == Wire.H2C) {
      cmd.add("--no-tls");
      cmd.add(Integer.toString(port));
    } else {
      cmd.addAll(List.of(Integer.toString(port), certs.key().toString(), certs.cert().toString()));
    }
    return ExternalServer.onPort(cmd, Map.of(), work, wire, port);
  }
}
