package dev.h2harness.session;

import dev.h2harness.control.BodyPattern;

/**
 * A body of {@code total} pattern octets for tests: copies, or promises with NO_COPY; counts its
 * reads and remembers every {@code maxLength} it was offered.
 */
class CountingSource implements DataSource {
  final long total;
  final boolean noCopy;
  int chunk;
  int extraFlags;
  long promised;
  long written;
  int reads;
  final java.util.List<Integer> maxLengths = new java.util.ArrayList<>();

  CountingSource(long total, boolean noCopy) {
    this.total = total;
    this.noCopy = noCopy;
  }

  @Override public int read(Session s, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags) {
    reads++;
    maxLengths.add(maxLength);
    int n = (int) Math.min(chunk > 0 ? Math.min(chunk, maxLength) : maxLength, total - promised);
    if (!noCopy) {
      BodyPattern.copy(promised, buf, offset, n);
    } else {
      flags.set(DataFlags.NO_COPY);
    }
    promised += n;
    if (promised == total) flags.set(DataFlags.EOF | extraFlags);
    return n;
  }
}
