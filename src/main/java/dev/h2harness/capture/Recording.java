package dev.h2harness.capture;

import dev.h2harness.check.Direction;
import dev.h2harness.peer.Capture;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One HTTP/2 connection as captured: the octets of both directions as timed segments, in the order
 * they were seen. {@code targetIsServer} says which side is judged: the target, whose bytes are
 * {@link Direction#FROM_TARGET}; the other side is the peer.
 *
 * @param name what the connection is called in reports (a scenario id or a file name)
 * @param comment free text carried into pcapng (scenario id, title), may be empty
 * @param startEpochNanos wall-clock time of the first segment's time base
 * @param targetClosed true when the target's side ended the connection (a TCP FIN was seen)
 */
public record Recording(String name, String comment, boolean targetIsServer, long startEpochNanos,
                        List<Segment> segments, boolean targetClosed) {
  /** Octets one side sent at one moment ({@code nanos} since the recording began). */
  public record Segment(Direction direction, long nanos, byte[] bytes) {}

  public Recording {
    segments = List.copyOf(segments);
  }

  /** The kept octets of a harness capture, cut into the reads and writes it recorded. */
  public static Recording of(String name, String comment, boolean targetIsServer, Capture c) {
    byte[] toTarget = c.kept(Capture.Direction.TO_TARGET);
    byte[] fromTarget = c.kept(Capture.Direction.FROM_TARGET);
    List<Segment> out = new ArrayList<>();
    for (Capture.Chunk ch : c.chunks()) {
      boolean to = ch.direction() == Capture.Direction.TO_TARGET;
      byte[] kept = to ? toTarget : fromTarget;
      int from = (int) Math.min(ch.offset(), kept.length);
      int end = (int) Math.min(ch.offset() + ch.length(), kept.length);
      if (end <= from) continue;
      byte[] part = Arrays.copyOfRange(kept, from, end);
      out.add(new Segment(to ? Direction.TO_TARGET : Direction.FROM_TARGET, ch.nanos(), part));
    }
    String cut = "";
    for (Capture.Direction d : Capture.Direction.values()) {
      if (!c.complete(d)) {
        cut += "; " + (d == Capture.Direction.TO_TARGET ? "peer" : "target") + " octets cut after "
            + c.kept(d).length + " of " + c.total(d);
      }
    }
    return new Recording(name, comment + cut, targetIsServer, c.startEpochMillis() * 1_000_000L, out, c.targetClosed());
  }

  /** Every octet one side sent, in order. */
  public byte[] bytes(Direction d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Segment s : segments) {
      if (s.direction() == d) out.writeBytes(s.bytes());
    }
    return out.toByteArray();
  }

  /** The direction the client's octets travel: the peer's when the target is the server. */
  public Direction clientDirection() {
    return targetIsServer ? Direction.TO_TARGET : Direction.FROM_TARGET;
  }
}
