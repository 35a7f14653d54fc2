package dev.h2harness.session;

/**
 * The last few stream ids the peer opened, to tell a closed stream from one it skipped (RFC 9113
 * §5.1.1). The ids arrive in increasing order, so a ring of ints in that order answers by binary
 * search: adding is amortised O(1) and allocates nothing on the request path, where a set of boxed ids cost a
 * node and an Integer per stream.
 */
final class RecentStreamIds {
  /** Grown by doubling up to {@link #capacity}: most connections open a few streams, and a session is cheap to make. */
  private int[] ids;
  private final int capacity;
  /** Where the oldest id is. */
  private int start;
  private int size;

  RecentStreamIds(int capacity) {
    this.capacity = capacity;
    this.ids = new int[Math.min(capacity, 8)];
  }

  /** Remembers {@code id}, which must exceed every id added before; the oldest goes when full. */
  void add(int id) {
    if (size > 0 && id <= ids[(start + size - 1) % ids.length]) {
      throw new IllegalArgumentException("stream id " + id + " is not above the last one added");
    }
    if (size == ids.length && size < capacity) {
      ids = java.util.Arrays.copyOf(ids, Math.min(capacity, size * 2)); // not yet full: start is 0
    }
    if (size < ids.length) {
      ids[(start + size) % ids.length] = id;
      size++;
    } else {
      ids[start] = id;
      start = (start + 1) % ids.length;
    }
  }

  boolean contains(int id) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = ids[(start + mid) % ids.length];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
