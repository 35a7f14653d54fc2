package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A Node.js {@code http2} client with PADDING_STRATEGY_MAX (src/test/resources/listen/node-upload.js). */
record NodeClient() implements ClientStack {
  @Override public String id() {
    return "node-client";
  }

  @Override public String name() {
    return "Node.js http2 client, PADDING_STRATEGY_MAX";
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("node", "--version"), "v(\\S+)");
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return External.missing("node");
  }

  @Override public String command(Wire wire, Path body) {
    Path script = External.projectRoot().resolve("src/test/resources/listen/node-upload.js");
    return "node " + script + " {url} " + body;
  }
}
