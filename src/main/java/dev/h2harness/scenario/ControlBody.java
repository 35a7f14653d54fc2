package dev.h2harness.scenario;

import dev.h2harness.check.ExpectedBody;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.Bytes;

/** The body {@code h2h-body: N} asks for (contract §4): N octets, octet i is {@code i mod 251}. */
record ControlBody(long length) implements ExpectedBody {
  @Override public int mismatch(long position, Bytes data, int from, int to) {
    return BodyPattern.mismatch(position, data, from, to);
  }

  @Override public int octet(long position) {
    return BodyPattern.at(position) & 0xff;
  }

  @Override public String origin() {
    return "h2h-body";
  }

  @Override public String explain(long position) {
    return position + " mod " + BodyPattern.PERIOD;
  }

  @Override public String section() {
    return "contract §4";
  }
}
