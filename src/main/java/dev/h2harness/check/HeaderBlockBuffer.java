package dev.h2harness.check;

import dev.h2harness.frame.Bytes;
import java.util.Arrays;

/**
 * One direction's header block in progress (RFC 9113 §4.3): the HEADERS or PUSH_PROMISE fragment
 * and its CONTINUATIONs, with where each fragment sat in the byte stream so that a decoding error
 * can be placed on its octet. Bounded by {@link #MAX_BLOCK}.
 */
final class HeaderBlockBuffer {
  /** Blocks longer than this are not kept (nor decoded): memory stays bounded. */
  static final int MAX_BLOCK = 1 << 20;

  private byte[] block = new byte[256];
  private int length;
  private long[] fragmentAt = new long[4];
  private int[] fragmentStart = new int[4];
  private int fragments;
  private boolean open;
  private boolean overflow;
  private int stream;
  private int promisedStream;
  private boolean endStream;

  /** Starts a block on {@code stream}; {@code promisedStream} is 0 unless it is a PUSH_PROMISE. */
  void start(int stream, int promisedStream, boolean endStream) {
    this.stream = stream;
    this.promisedStream = promisedStream;
    this.endStream = endStream;
    length = 0;
    fragments = 0;
    overflow = false;
    open = true;
  }

  /** Adds a fragment whose first octet is at {@code absoluteOffset}. */
  void append(Bytes fragment, long absoluteOffset) {
    if (overflow || length + fragment.length() > MAX_BLOCK) {
      overflow = true;
      return;
    }
    if (length + fragment.length() > block.length) {
      block = Arrays.copyOf(block, Math.max(length + fragment.length(), block.length * 2));
    }
    if (fragments == fragmentAt.length) {
      fragmentAt = Arrays.copyOf(fragmentAt, fragments * 2);
      fragmentStart = Arrays.copyOf(fragmentStart, fragments * 2);
    }
    fragmentAt[fragments] = absoluteOffset;
    fragmentStart[fragments++] = length;
    fragment.copyTo(block, length);
    length += fragment.length();
  }

  void close() {
    open = false;
    if (block.length > 4096) {
      block = new byte[256];
    }
  }

  boolean isOpen() {
    return open;
  }

  boolean overflowed() {
    return overflow;
  }

  int stream() {
    return stream;
  }

  int promisedStream() {
    return promisedStream;
  }

  boolean endStream() {
    return endStream;
  }

  byte[] bytes() {
    return block;
  }

  int length() {
    return length;
  }

  /** The absolute offset of octet {@code pos} of the block. */
  long absoluteOffset(int pos) {
    int f = fragments - 1;
    while (f > 0 && fragmentStart[f] > pos) {
      f--;
    }
    return fragments == 0 ? -1 : fragmentAt[f] + (pos - fragmentStart[f]);
  }
}
