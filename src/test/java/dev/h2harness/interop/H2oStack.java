package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** h2o (Debian h2o) serving static files: a generated config, in the foreground. */
record H2oStack() implements ServerStack {
  @Override public String id() {
    return "h2o";
  }

  @Override public String name() {
    return "h2o";
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("h2o", "-v"), "h2o version (\\S+)");
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return External.missing("h2o");
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    int port = ExternalServer.freePort();
    String ssl = wire == Wire.TLS
        ? "\n  ssl:\n    certificate-file: " + certs.cert() + "\n    key-file: " + certs.key() : "";
    String conf = """
        user: www-data
        error-log: %1$s/error.log
        num-threads: 1
        listen:
          host: 127.0.0.1
          port: %2$d%3$s
        hosts:
          default:
            paths:
              /:
                file.dir: %4$s
        """.formatted(work, port, ssl, root.dir());
    Path file = work.resolve("h2o.conf");
    Files.writeString(file, conf);
    return ExternalServer.onPort(List.of("h2o", "-c", file.toString()), Map.of(), work, wire, port);
  }
}
