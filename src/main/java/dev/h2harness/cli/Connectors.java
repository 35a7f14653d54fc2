package dev.h2harness.cli;

import dev.h2harness.peer.TcpTransport;
import dev.h2harness.peer.TlsTransport;
import dev.h2harness.peer.Transport;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;

/** Connections to a target URL, and the probe that tells a reachable target from an unreachable one. */
final class Connectors {
  private Connectors() {}

  static ScenarioRunner.Connector of(TargetUrl url, int timeoutMillis, boolean insecure) {
    if (url.tls()) {
      return () -> TlsTransport.connect(url.host(), url.port(), timeoutMillis, insecure);
    }
    return () -> TcpTransport.connect(url.host(), url.port(), timeoutMillis);
  }

  /** Null when a connection can be made, else why not. */
  static String probe(ScenarioRunner.Connector connector) {
    try (Transport t = connector.connect()) {
      return null;
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
