package dev.h2harness.report.html;

import dev.h2harness.capture.Recording;
import dev.h2harness.check.Direction;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A recording's frames in wire order: each direction is parsed on its own (the same frame reader
 * the checks use), and the frames are merged by the segment their first octet arrived in.
 */
final class Ladder {
  private Ladder() {}

  static List<LadderFrame> of(Recording r) {
    List<long[]> order = new ArrayList<>(); // per segment: direction ordinal, start offset, nanos, seq
    long[] at = new long[2];
    int seq = 0;
    for (Recording.Segment s : r.segments()) {
      int d = s.direction().ordinal();
      order.add(new long[] {d, at[d], s.nanos(), seq++});
      at[d] += s.bytes().length;
    }
    List<long[]> keyed = new ArrayList<>();
    List<LadderFrame> frames = new ArrayList<>();
    for (Direction d : Direction.values()) {
      byte[] bytes = r.bytes(d);
      boolean client = d == r.clientDirection();
      List<long[]> mine = order.stream().filter(x -> x[0] == d.ordinal()).toList();
      List<ReadEvent> events = new ArrayList<>();
      FrameReader reader = new FrameReader(client, FrameWriter.MAX_LENGTH, events::add);
      reader.feed(bytes);
      reader.finish();
      for (ReadEvent e : events) {
        long[] seg = segmentOf(mine, e.offset());
        frames.add(frame(d, e, seg[2], bytes));
        keyed.add(new long[] {seg[3], e.offset(), frames.size() - 1});
      }
    }
    keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
    List<LadderFrame> out = new ArrayList<>(frames.size());
    for (long[] k : keyed) out.add(frames.get((int) k[2]));
    return out;
  }

  /** The last segment of its direction that starts at or before {@code offset} (binary search). */
  private static long[] segmentOf(List<long[]> mine, long offset) {
    int lo = 0;
    int hi = mine.size() - 1;
    long[] best = {0, 0, 0, 0};
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (mine.get(mid)[1] <= offset) {
        best = mine.get(mid);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  private static LadderFrame frame(Direction d, ReadEvent e, long nanos, byte[] bytes) {
    if (e instanceof ReadEvent.FrameRead f) {
      return new LadderFrame(d, f.offset(), f.index(), nanos, f.raw().header(), slice(bytes, f.offset(), 9 + f.raw().header().length()), "");
    } else if (e instanceof ReadEvent.MalformedFrame m) {
      return new LadderFrame(d, m.offset(), m.index(), nanos, m.raw().header(), slice(bytes, m.offset(), 9 + m.raw().header().length()),
          "malformed: " + m.problem().message());
    } else if (e instanceof ReadEvent.OversizedFrame o) {
      return new LadderFrame(d, o.offset(), o.index(), nanos, o.header(), slice(bytes, o.offset(), 9 + o.header().length()),
          "oversized: " + o.problem().message());
    } else if (e instanceof ReadEvent.StreamBroken b) {
      return new LadderFrame(d, b.offset(), -1, nanos, null, slice(bytes, b.offset(), 64), "BROKEN: " + b.problem().message());
    }
    return new LadderFrame(d, e.offset(), -1, nanos, null, slice(bytes, e.offset(), 24), "PREFACE");
  }

  private static byte[] slice(byte[] b, long from, long len) {
    int f = (int) Math.min(from, b.length);
    int t = (int) Math.min(b.length, from + len);
    return Arrays.copyOfRange(b, f, t);
  }
}
