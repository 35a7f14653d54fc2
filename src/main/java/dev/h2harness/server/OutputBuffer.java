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
 * callback and the NO_COPY writes go to, in order. Octets sit in direct memory; file payloads sit
 * as file regions written with {@code transferTo} when {@code zeroCopy} (plain TCP), or are read
 * from the file straight into direct memory otherwise (TLS, which must encrypt them).
 * {@link #room()} is {@code capacity - buffered}, file regions included.
 *
 * <p>Octets between two file regions are often just a 9-octet frame header, so chunks are views
 * carved one after another from 64 KiB blocks, and a block is reused once all its views are sent.
 */
final class OutputBuffer implements FileRegionSink {
  static final int BLOCK = 64 * 1024;
  private static final int MAX_GATHER = 16;
  private static final int MAX_SPARE = 2;

  /** Direct memory that chunks are carved from. */
  private static final class Block {
    final ByteBuffer memory = ByteBuffer.allocateDirect(BLOCK);
    /** Octets handed out to chunks. */
    int used;
    /** Chunks not yet sent in full. */
    int chunks;
  }

  /** Octets to send: position = next unsent, limit = end of data, capacity = to the block's end. */
  private static final class Chunk {
    final Block block;
    final int start;
    final ByteBuffer data;

    Chunk(Block block) {
      this.block = block;
      this.start = block.used;
      this.data = block.memory.slice(start, BLOCK - start).limit(0);
      block.chunks++;
    }

    int space() {
      return data.capacity() - data.limit();
    }

    /** Marks {@code n} more octets, put at the old limit, as data. */
    void grow(int n) {
      data.limit(data.limit() + n);
      block.used = start + data.limit();
    }
  }

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
  /** Chunks and regions, in wire order. */
  private final ArrayDeque<Object> segments = new ArrayDeque<>();
  private final ArrayDeque<Block> spare = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private Block current;
  private long buffered;
  private int regions;

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

  boolean hasFileRegions() {
    return regions > 0;
  }

  boolean isEmpty() {
    return buffered == 0;
  }

  @Override public void write(byte[] data, int offset, int length) {
    buffered += length;
    while (length > 0) {
      Chunk tail = tailWithSpace();
      int n = Math.min(length, tail.space());
      int at = tail.data.limit();
      tail.grow(n);
      tail.data.put(at, data, offset, n);
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
      regions++;
      segments.addLast(new Region(file, position, length));
      return;
    }
    // TLS: the octets must pass through the engine, so read them into direct memory (no heap copy).
    try {
      while (length > 0) {
        Chunk tail = tailWithSpace();
        int at = tail.data.limit();
        int n = Math.min(length, tail.space());
        ByteBuffer dst = tail.data.duplicate().limit(at + n).position(at);
        while (dst.hasRemaining()) {
          if (file.channel().read(dst, position + (dst.position() - at)) < 0) {
            throw new EOFException("file shrank while it was being sent");
          }
        }
        tail.grow(n);
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
        regions--;
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
      if (k == into.length || !(s instanceof Chunk c)) {
        break;
      }
      into[k++] = c.data;
    }
    return k;
  }

  /** Accounts for {@code n} octets taken from the gathered chunks; frees the emptied ones. */
  void consumed(long n) {
    buffered -= n;
    while (segments.peekFirst() instanceof Chunk c && !c.data.hasRemaining()) {
      segments.pollFirst();
      Block b = c.block;
      if (--b.chunks == 0) {
        b.used = 0; // all sent: the whole block is free again
        if (b != current && spare.size() < MAX_SPARE) {
          spare.addLast(b);
        }
      }
    }
  }

  /** Writes everything with blocking writes, for tests and in-memory use. */
  void drainTo(WritableByteChannel channel) throws IOException {
    while (!segments.isEmpty()) {
      Object s = segments.peekFirst();
      if (s instanceof Region r) {
        while (r.remaining > 0) {
          long n = r.file.channel().transferTo(r.position, r.remaining, channel);
          if (n <= 0) throw new EOFException("file shrank while it was being sent");
          r.position += n;
          r.remaining -= n;
          buffered -= n;
        }
        segments.pollFirst();
        regions--;
        r.file.release();
      } else {
        ByteBuffer b = ((Chunk) s).data;
        long n = 0;
        while (b.hasRemaining()) n += channel.write(b);
        consumed(n);
      }
    }
  }

  /** Drops everything unsent and lets go of the files (the connection is closing). */
  void discard() {
    for (Object s : segments) {
      if (s instanceof Region r) r.file.release();
    }
    segments.clear();
    regions = 0;
    spare.clear();
    current = null;
    buffered = 0;
  }

  private Chunk tailWithSpace() {
    if (segments.peekLast() instanceof Chunk c && c.space() > 0) {
      return c;
    }
    if (current == null || current.used == BLOCK) {
      current = spare.isEmpty() ? new Block() : spare.pollFirst();
    }
    Chunk c = new Chunk(current);
    segments.addLast(c);
    return c;
  }
}
