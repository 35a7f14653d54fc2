package dev.h2harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Assertions on a model's findings. */
final class Expect {
  private Expect() {}

  /** Exactly one finding, of {@code rule}, on {@code stream}, frame {@code frame}, at {@code offset}. */
  static Finding only(ConnectionModel m, RuleId rule, int stream, int frame, long offset) {
    List<Finding> all = m.findings();
    assertEquals(1, all.size(), () -> "findings: " + all);
    Finding f = all.get(0);
    assertEquals(rule, f.rule(), f::toString);
    assertEquals(stream, f.stream(), f::toString);
    assertEquals(frame, f.frame(), f::toString);
    assertEquals(offset, f.offset(), f::toString);
    assertEquals(Direction.FROM_TARGET, f.direction());
    return f;
  }

  static void none(ConnectionModel m) {
    assertEquals(List.of(), m.findings());
  }
}
