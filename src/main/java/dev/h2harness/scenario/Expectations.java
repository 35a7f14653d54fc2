package dev.h2harness.scenario;

import java.util.List;

/**
 * The {@code expect:} block of a scenario. {@code connection} is null when not checked; {@code goaway}
 * is the error code a GOAWAY from the target must carry, or null.
 */
public record Expectations(List<StreamExpectation> streams, ConnectionEnd connection, Long goaway) {
  public static final Expectations NONE = new Expectations(List.of(), null, null);

  public Expectations {
    streams = List.copyOf(streams);
  }

  /** The same expectations on the streams {@code actual} maps each named stream to. */
  public Expectations onStreams(java.util.function.IntUnaryOperator actual) {
    List<StreamExpectation> mapped = new java.util.ArrayList<>();
    for (StreamExpectation e : streams) {
      mapped.add(new StreamExpectation(actual.applyAsInt(e.stream()), e.status(), e.end(), e.resetCode(), e.body()));
    }
    return new Expectations(mapped, connection, goaway);
  }
}
