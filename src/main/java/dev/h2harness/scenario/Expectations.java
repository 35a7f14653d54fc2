package dev.h2harness.scenario;

import java.util.List;

/**
 * The {@code expect:} block of a scenario. {@code connection} is {@code open}, {@code closed} or
 * null; {@code goaway} is the error code a GOAWAY from the target must carry, or null.
 */
public record Expectations(List<StreamExpectation> streams, String connection, Long goaway) {
  public static final Expectations NONE = new Expectations(List.of(), null, null);

  public Expectations {
    streams = List.copyOf(streams);
  }
}
