package dev.h2harness.peer;

import dev.h2harness.control.ControlledServer;
import dev.h2harness.session.Session;

/** A transport to a reference server in the same process: the oracle's target. */
public final class InMemoryTransport extends InMemorySessionTransport {
  private final ControlledServer server;

  public InMemoryTransport(int defaultPad) {
    this.server = new ControlledServer(sink, defaultPad);
  }

  public ControlledServer server() {
    return server;
  }

  @Override Session session() {
    return server.session();
  }

  @Override public String describe() {
    return "in-memory reference server";
  }
}
