package dev.h2harness.peer;

import dev.h2harness.control.ControlHeaderException;
import dev.h2harness.control.ControlledClient;
import dev.h2harness.session.Session;

/** A transport to the reference client in the same process: the oracle of a client control scenario. */
public final class InMemoryClientTransport extends InMemorySessionTransport {
  private final ControlledClient client;

  public InMemoryClientTransport(String path) throws ControlHeaderException {
    this.client = new ControlledClient(sink, "h2harness", path);
    // A client writes its first flight (preface, SETTINGS, request, DATA up to the default windows)
    // before it reads the server's SETTINGS, as libnghttp2 does on a fresh socket: so must the oracle.
    drive();
  }

  public ControlledClient client() {
    return client;
  }

  @Override Session session() {
    return client.session();
  }

  @Override boolean applicationDone() {
    return client.done();
  }

  @Override public String describe() {
    return "in-memory reference client";
  }
}
