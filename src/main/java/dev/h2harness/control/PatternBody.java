package dev.h2harness.control;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.DataFlags;
import dev.h2harness.session.Session;
import java.util.List;

/**
 * The body of an {@code h2h-body} response, read through NO_COPY (contract §4): the read callback
 * only promises lengths; the send-data callback writes the octets from {@link #written()}, so a
 * frame retried after WOULDBLOCK writes the same octets.
 */
public final class PatternBody implements NoCopyBody {
  private final byte[] scratch = new byte[16384];
  private final long total;
  private final int chunk;
  private final boolean trailers;
  private long promised;
  private long written;
  private int reads;

  public PatternBody(long total, int chunk, boolean trailers) {
    this.total = total;
    this.chunk = chunk;
    this.trailers = trailers;
  }

  @Override public int read(Session session, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags) {
    reads++;
    long left = total - promised;
    int n = (int) Math.min(Math.min(maxLength, chunk > 0 ? chunk : maxLength), left);
    promised += n;
    flags.set(DataFlags.NO_COPY);
    if (promised == total) {
      flags.set(DataFlags.EOF);
      if (trailers) {
        // As nghttpd does: trailers are submitted from inside the read callback.
        flags.set(DataFlags.NO_END_STREAM);
        session.submitTrailer(streamId, List.of(HeaderField.of("h2h-end", Long.toString(total))));
      }
    }
    return n;
  }

  /** Payload octets written so far: where the next frame's payload starts in the pattern. */
  public long written() {
    return written;
  }

  @Override public void writePayload(OutputSink sink, int length) {
    while (length > 0) {
      int n = Math.min(length, scratch.length);
      BodyPattern.copy(written, scratch, 0, n);
      sink.write(scratch, 0, n);
      written += n;
      length -= n;
    }
  }

  @Override public int reads() {
    return reads;
  }
}
