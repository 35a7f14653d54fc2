package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Node.js's {@code http2} module (src/test/resources/interop/node-server.js) with a padding strategy. */
record NodeStack(String padding) implements ServerStack {
  @Override public String id() {
    return padding.equals("none") ? "node" : "node-padding-" + padding;
  }

  @Override public String name() {
    return "Node.js http2" + switch (padding) {
      case "max" -> ", PADDING_STRATEGY_MAX";
      case "aligned" -> ", PADDING_STRATEGY_ALIGNED";
      default -> "";
    };
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("node", "--version"), "v(\\S+)");
  }

  @Override public Set<Wire> wires() {
    return padding.equals("none") ? Set.of(Wire.H2C, Wire.TLS) : Set.of(Wire.H2C);
  }

  @Override public String missing() {
    return External.missing("node");
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    Path script = External.projectRoot().resolve("src/test/resources/interop/node-server.js");
    List<String> cmd = new ArrayList<>(List.of("node", script.toString(), root.dir().toString(), padding));
    if (wire == Wire.TLS) cmd.addAll(List.of(certs.cert().toString(), certs.key().toString()));
    return ExternalServer.printingPort(cmd, Map.of(), work, wire);
  }
}
