package dev.h2harness.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's net/http with golang.org/x/net/http2 (Debian golang-go and golang-golang-x-net-dev): the
 * server in src/test/resources/interop/go-server (main.go.src), built by {@link GoBuild}.
 */
record GoStack() implements ServerStack {
  @Override public String id() {
    return "go";
  }

  @Override public String name() {
    return "Go net/http + x/net/http2";
  }

  @Override public String version() {
    return GoBuild.version();
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return GoBuild.missing("h2c");
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), root.dir().toString()));
    if (wire == Wire.TLS) cmd.addAll(List.of(certs.cert().toString(), certs.key().toString()));
    return ExternalServer.printingPort(cmd, Map.of(), work, wire);
  }

  private static Path binary() throws IOException, InterruptedException {
    return GoBuild.binary("go-server");
  }
}
