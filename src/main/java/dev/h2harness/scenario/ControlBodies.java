package dev.h2harness.scenario;

import dev.h2harness.check.BodyExpectations;
import dev.h2harness.control.ClientControl;
import dev.h2harness.control.ControlHeaderException;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.hpack.HeaderField;
import java.util.List;
import java.util.Map;

/**
 * What body the requests of a connection ask for, told to the checks' model
 * ({@link BodyExpectations}): from the typed control headers of a scenario's request steps, or, in
 * the client role and for a capture with no scenario, from the requests as they were sent.
 */
public final class ControlBodies {
  private ControlBodies() {}

  /**
   * The bodies {@code s} asks for: its request steps' control headers by stream (server role); the
   * client's own request (client role: the client was told its controls in the path, contract §5).
   */
  public static BodyExpectations of(Scenario s) {
    if (s.clientRole()) return fromRequests(false);
    Map<Integer, ControlHeaders> control = s.controlRequests();
    if (control.isEmpty()) return BodyExpectations.NONE;
    return (stream, request) -> {
      ControlHeaders c = control.get(stream);
      return c == null ? null : new ControlBody(c.body());
    };
  }

  /**
   * The bodies the captured requests ask for: a server target's by their control headers
   * (contract §4), a client target's by the control parameters of its path (contract §5).
   */
  public static BodyExpectations fromRequests(boolean targetIsServer) {
    return (stream, request) -> {
      try {
        ControlHeaders c = targetIsServer ? ControlHeaders.parse(request) : fromPath(request);
        return c == null ? null : new ControlBody(c.body());
      } catch (ControlHeaderException e) {
        return null; // a malformed control is answered with an error status; no body is asked for
      }
    };
  }

  private static ControlHeaders fromPath(List<HeaderField> request) throws ControlHeaderException {
    for (HeaderField f : request) {
      if (f.name().equals(":path")) return ClientControl.fromPath(f.value());
    }
    return null;
  }
}
