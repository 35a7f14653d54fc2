package dev.h2harness.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A connection's bounded output: the {@link dev.h2harness.control.OutputSink} the session's send
 * callback and the NO_COPY writes go to, in order. Octets sit in direct chunks; file payloads sit
 * as file regions written with {@code transferTo} when {@code zeroCopy} (plain TCP), or are read
 * from the file straight into a direct chunk otherwise (TLS, which must encrypt them).
 * {@link #room()} is {@code capacity - buffered}, file regions included.
 */
final class OutputBuffer implements FileRegionSink {
  static final int CHUNK = 64 * 1024;
  private static final int MAX_GATHER = 16;
  private static final int MAX_SPARE = 2;

  /** A part of a file still to be written; holds the file open until then. */
  private static final class Region {
    final OpenFile file;
    long position;
    long remaining;

    Region(OpenFile file, long position, long remaining) {
      this.file = file;
      this.position = position;
      this.remaining = remaining;
    }
  }

  private final int capacity;
  private final boolean zeroCopy;
  /** Chunks (position = next unsent octet, limit = end of data) and regions, in wire order. */
  private final ArrayDeque<Object> segments = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private long buffered;

  OutputBuffer(int capacity, boolean zeroCopy) {
    this.capacity = capacity;
    this.zeroCopy = zeroCopy;
  }

  @Override public int room() {
    return (int) Math.max(0, capacity - buffered);
  }

  long buffered() {
    return buffered;
  }

  boolean isEmpty() {
    return buffered == 0;
  }

  @Override public void write(byte[] data, int offset, int length) {
    buffered += length;
    while (length > 0) {
      ByteBuffer tail = tailWithSpace();
      int at = tail.limit();
      int n = Math.min(length, tail.capacity() - at);
      tail.limit(at + n);
      tail.put(at, data, offset, n);
      offset += n;
      length -= n;
    }
  }

  @Override public void writeFile(OpenFile file, long position, int length) {
    if (length == 0) {
      return;
    }
    buffered += length;
    if (zeroCopy) {
      file.retain();
      segments.addLast(new Region(file, position, length));
      return;
    }
    // TLS: the octets must pass through the engine, so read them into a direct chunk (no heap copy).
    try {
      while (length > 0) {
        ByteBuffer tail = tailWithSpace();
        int at = tail.limit();
        int n = Math.min(length, tail.capacity() - at);
        ByteBuffer dst = tail.duplicate().limit(at + n).position(at);
        while (dst.hasRemaining()) {
          if (file.channel().read(dst, position + (dst.position() - at)) < 0) {
            throw new EOFException("file shrank while it was being sent");
          }
        }
        tail.limit(at + n);
        position += n;
        length -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what {@code channel} takes now; true when nothing is left. */
  boolean writeTo(GatheringByteChannel channel) throws IOException {
    while (!segments.isEmpty()) {
      if (segments.peekFirst() instanceof Region r) {
        long n = r.file.channel().transferTo(r.position, r.remaining, channel);
        if (n == 0 && r.position >= r.file.channel().size()) {
          throw new EOFException("file shrank while it was being sent");
        }
        r.position += n;
        r.remaining -= n;
        buffered -= n;
        if (r.remaining > 0) {
          return false;
        }
        segments.pollFirst();
        r.file.release();
        continue;
      }
      int k = gatherChunks(gather);
      long want = 0;
      for (int i = 0; i < k; i++) {
        want += gather[i].remaining();
      }
      long n = channel.write(gather, 0, k);
      Arrays.fill(gather, 0, k, null);
      consumed(n);
      if (n < want) {
        return false;
      }
    }
    return true;
  }

  /** Puts the leading run of chunks into {@code into}; returns how many. For TLS, which wraps them. */
  int gatherChunks(ByteBuffer[] into) {
    int k = 0;
    for (Object s : segments) {
      if (k == into.length || !(s instanceof ByteBuffer b)) {
        break;
      }
      into[k++] = b;
    }
    return k;
  }

  /** Accounts for {@code n} octets taken from the gathered chunks; frees the emptied ones. */
  void consumed(long n) {
    buffered -= n;
    while (segments.peekFirst() instanceof ByteBuffer b && !b.hasRemaining()) {
      segments.pollFirst();
      if (spare.size() < MAX_SPARE) {
        spare.addLast(b.clear().limit(0));
      }
    }
  }

  /** Writes everything with blocking writes, for tests and in-memory use. */
  void drainTo(WritableByteChannel channel) throws IOException {
    while (!segments.isEmpty()) {
      Object s = segments.pollFirst();
      if (s instanceof Region r) {
        while (r.remaining > 0) {
          long n = r.file.channel().transferTo(r.position, r.remaining, channel);
          if (n <= 0) throw new EOFException("file shrank while it was being sent");
          r.position += n;
          r.remaining -= n;
        }
        r.file.release();
      } else {
        ByteBuffer b = (ByteBuffer) s;
        while (b.hasRemaining()) channel.write(b);
      }
    }
    buffered = 0;
  }

  /** Drops everything unsent and lets go of the files (the connection is closing). */
  void discard() {
    for (Object s : segments) {
      if (s instanceof Region r) r.file.release();
    }
    segments.clear();
    spare.clear();
    buffered = 0;
  }

  private ByteBuffer tailWithSpace() {
    if (segments.peekLast() instanceof ByteBuffer b && b.limit() < b.capacity()) {
      return b;
    }
    ByteBuffer b = spare.isEmpty() ? ByteBuffer.allocateDirect(CHUNK).limit(0) : spare.pollFirst();
    segments.addLast(b);
    return b;
  }
}
