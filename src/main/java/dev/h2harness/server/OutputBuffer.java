package dev.h2harness.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A connection's bounded output: the {@link dev.h2harness.control.OutputSink} that the session's
 * send callback and the NO_COPY writes go to, in order. {@link #room()} is
 * {@code capacity - buffered}, file payloads included.
 *
 * <p>Three kinds of segment, in wire order: chunks of octets written by the application (direct
 * memory, carved one after another from reused 64 KiB blocks, since between two file payloads
 * there is often just a 9-octet frame header); views of a memory-mapped file; and, with
 * {@link FileSend#TRANSFER_TO} on plain TCP, file regions sent with {@code transferTo}. Chunks and
 * views go out together in one gathering write (or TLS wrap).
 */
final class OutputBuffer implements FileRegionSink {
  static final int BLOCK = 64 * 1024;
  /** Buffers per gathering write: a 256 KiB buffer of 16 KiB frames is 32 views and 32 headers. */
  static final int MAX_GATHER = 128;
  private static final int MAX_SPARE = 2;

  /** Direct memory that chunks are carved from. */
  private static final class Block {
    final ByteBuffer memory = ByteBuffer.allocateDirect(BLOCK);
    /** Octets handed out to chunks. */
    int used;
    /** Chunks not yet sent in full. */
    int chunks;
  }

  /** Octets to send from {@code data}: position = next unsent, limit = end. */
  private abstract static class Buffered {
    final ByteBuffer data;

    Buffered(ByteBuffer data) {
      this.data = data;
    }
  }

  /** Application octets; capacity runs to the block's end, so the tail chunk can grow. */
  private static final class Chunk extends Buffered {
    final Block block;
    final int start;

    Chunk(Block block) {
      super(block.memory.slice(block.used, BLOCK - block.used).limit(0));
      this.block = block;
      this.start = block.used;
      block.chunks++;
    }

    int space() {
      return data.capacity() - data.limit();
    }

    /** Marks {@code n} more octets, from the old limit, as data. */
    void grow(int n) {
      data.limit(data.limit() + n);
      block.used = start + data.limit();
    }
  }

  /** A view of a mapped file; holds the file open until sent. */
  private static final class FileView extends Buffered {
    final OpenFile file;

    FileView(OpenFile file, ByteBuffer view) {
      super(view);
      this.file = file;
    }
  }

  /** A part of a file for {@code transferTo}; holds the file open until sent. */
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
  private final boolean transferTo;
  private final ArrayDeque<Object> segments = new ArrayDeque<>();
  private final ArrayDeque<Block> spare = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private Block current;
  private long buffered;

  /** @param transferTo file payloads as regions for {@code transferTo}, else as mapped views */
  OutputBuffer(int capacity, boolean transferTo) {
    this.capacity = capacity;
    this.transferTo = transferTo;
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
    if (transferTo) {
      file.retain();
      segments.addLast(new Region(file, position, length));
      return;
    }
    try {
      while (length > 0) {
        int n = (int) Math.min(length, OpenFile.WINDOW - position % OpenFile.WINDOW);
        ByteBuffer view = file.view(position, n);
        file.retain();
        segments.addLast(new FileView(file, view));
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
      int k = gatherBuffers(gather);
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

  /** Puts the leading buffers (chunks and file views) into {@code into}; returns how many. */
  int gatherBuffers(ByteBuffer[] into) {
    int k = 0;
    for (Object s : segments) {
      if (k == into.length || !(s instanceof Buffered b)) {
        break;
      }
      into[k++] = b.data;
    }
    return k;
  }

  /** Accounts for {@code n} octets taken from the gathered buffers; frees the emptied ones. */
  void consumed(long n) {
    buffered -= n;
    while (segments.peekFirst() instanceof Buffered b && !b.data.hasRemaining()) {
      segments.pollFirst();
      free(b);
    }
  }

  /** Drops everything unsent and lets go of the files (the connection is closing). */
  void discard() {
    for (Object s : segments) {
      if (s instanceof Region r) {
        r.file.release();
      } else if (s instanceof FileView v) {
        v.file.release();
      }
    }
    segments.clear();
    spare.clear();
    current = null;
    buffered = 0;
  }

  private void free(Buffered b) {
    if (b instanceof FileView v) {
      v.file.release();
      return;
    }
    Block block = ((Chunk) b).block;
    if (--block.chunks == 0) {
      block.used = 0; // all sent: the whole block is free again
      if (block != current && spare.size() < MAX_SPARE) {
        spare.addLast(block);
      }
    }
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
