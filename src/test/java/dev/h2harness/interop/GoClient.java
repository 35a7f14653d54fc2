package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.Set;

/**
 * Go's golang.org/x/net/http2 Transport (Debian golang-go and golang-golang-x-net-dev): the client
 * in src/test/resources/interop/go-client (main.go.src), built by {@link GoBuild}. Over h2c it speaks
 * with prior knowledge (AllowHTTP and a plain dial); over TLS with ALPN h2.
 */
record GoClient() implements ClientStack {
  @Override public String id() {
    return "go-client";
  }

  @Override public String name() {
    return "Go x/net/http2 Transport";
  }

  @Override public String version() {
    return GoBuild.version();
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return GoBuild.missing("");
  }

  @Override public String command(Wire wire, Path body) throws Exception {
    return GoBuild.binary("go-client") + " {url} " + body;
  }
}
