package dev.h2harness.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An incremental frame reader: bytes arrive in pieces of any size (one octet at a time works), and
 * {@link ReadEvent}s come out in order with absolute offsets. It never throws for what the bytes
 * say, and never allocates more than the bytes that have arrived: a 16 MiB length field costs
 * nothing until its octets come, and a frame above the maximum is skipped without being stored.
 */
public final class FrameReader {
  /** RFC 9113 §3.4: the client connection preface. */
  public static final Bytes CLIENT_PREFACE = Bytes.ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
  /** RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE until the reader's side announces another. */
  public static final int DEFAULT_MAX_FRAME_SIZE = SettingsParameter.DEFAULT_MAX_FRAME_SIZE;

  private static final int FIRST_CHUNK = 16384;

  private enum State { PREFACE, HEADER, PAYLOAD, SKIP, BROKEN }

  /** Sees each frame header as soon as its 9 octets are in, before the payload; false stops the reader. */
  @FunctionalInterface
  public interface HeaderWatch {
    boolean proceed(FrameHeader header);
  }

  private final Consumer<ReadEvent> sink;
  private final byte[] head = new byte[FrameHeader.SIZE];
  private State state;
  private int maxFrameSize;
  private long consumed;
  private int index;
  private int have;
  private FrameHeader current;
  private long frameOffset;
  private byte[] payload;
  private int skipRemaining;
  private HeaderWatch watch;

  /**
   * @param expectPreface true when reading what a client sends (the preface comes first)
   * @param maxFrameSize frames longer than this are reported as {@link ReadEvent.OversizedFrame}
   */
  public FrameReader(boolean expectPreface, int maxFrameSize, Consumer<ReadEvent> sink) {
    this.sink = sink;
    this.maxFrameSize = maxFrameSize;
    this.state = expectPreface ? State.PREFACE : State.HEADER;
  }

  /**
   * Lets {@code watch} look at every frame header before anything else happens to the frame. When it
   * returns false the reader stops silently, as after a bad preface: nothing more is reported.
   */
  public void watchHeaders(HeaderWatch watch) {
    this.watch = watch;
  }

  /** Applies to frames whose header has not been read yet. */
  public void setMaxFrameSize(int maxFrameSize) {
    this.maxFrameSize = maxFrameSize;
  }

  public int maxFrameSize() {
    return maxFrameSize;
  }

  /** Octets consumed so far: the absolute offset of the next one. */
  public long offset() {
    return consumed;
  }

  /** Frames reported so far, malformed and oversized included. */
  public int frameCount() {
    return index;
  }

  /** True after a bad preface, a header the {@link #watchHeaders watch} stopped at, or {@link #finish()}: further bytes are ignored. */
  public boolean isBroken() {
    return state == State.BROKEN;
  }

  /** True when no frame or preface is partly read. */
  public boolean atFrameBoundary() {
    return (state == State.HEADER && have == 0) || (state == State.PREFACE && have == 0);
  }

  public void feed(ByteBuffer buf) {
    if (buf.hasArray()) {
      feed(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      buf.position(buf.limit());
    } else {
      byte[] tmp = new byte[buf.remaining()];
      buf.get(tmp);
      feed(tmp, 0, tmp.length);
    }
  }

  public void feed(byte[] b) {
    feed(b, 0, b.length);
  }

  public void feed(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    int end = off + len;
    while (off < end && state != State.BROKEN) {
      switch (state) {
        case PREFACE -> off = readPreface(b, off, end);
        case HEADER -> off = readHeader(b, off, end);
        case PAYLOAD -> off = readPayload(b, off, end);
        case SKIP -> off = skip(b, off, end);
        default -> throw new AssertionError(state);
      }
    }
  }

  /** The byte stream has ended: a partly read frame or preface is reported as truncated. */
  public void finish() {
    if (state == State.BROKEN) {
      return;
    }
    if (!atFrameBoundary()) {
      // A partly read header has no frameOffset yet (it is set once the 9 octets are in): it
      // starts `have` octets before the current offset.
      long at = switch (state) {
        case PREFACE -> 0;
        case HEADER -> consumed - have;
        default -> frameOffset;
      };
      String what = switch (state) {
        case PREFACE -> "the connection preface after " + have + " of 24 octets";
        case HEADER -> "a frame header after " + have + " of 9 octets";
        case PAYLOAD -> current + " after " + have + " of " + current.length() + " payload octets";
        default -> current + " after " + (current.length() - skipRemaining) + " of "
            + current.length() + " payload octets";
      };
      sink.accept(new ReadEvent.StreamBroken(at, new FrameProblem(FrameProblem.Kind.TRUNCATED, at,
          "the byte stream ended inside " + what)));
    }
    state = State.BROKEN;
  }

  private int readPreface(byte[] b, int off, int end) {
    while (off < end && have < CLIENT_PREFACE.length()) {
      if (b[off] != CLIENT_PREFACE.get(have)) {
        long at = consumed;
        state = State.BROKEN;
        sink.accept(new ReadEvent.StreamBroken(at, new FrameProblem(FrameProblem.Kind.BAD_PREFACE, at,
            String.format("connection preface differs at octet %d: 0x%02x where 0x%02x belongs",
                have, b[off] & 0xff, CLIENT_PREFACE.getUnsigned(have)))));
        return end;
      }
      have++;
      off++;
      consumed++;
    }
    if (have == CLIENT_PREFACE.length()) {
      have = 0;
      state = State.HEADER;
      sink.accept(new ReadEvent.PrefaceRead(0));
    }
    return off;
  }

  private int readHeader(byte[] b, int off, int end) {
    FrameHeader h;
    if (have == 0 && end - off >= FrameHeader.SIZE) {
      h = FrameHeader.parse(b, off);
      frameOffset = consumed;
      consumed += FrameHeader.SIZE;
      off += FrameHeader.SIZE;
    } else {
      int n = Math.min(FrameHeader.SIZE - have, end - off);
      System.arraycopy(b, off, head, have, n);
      have += n;
      off += n;
      consumed += n;
      if (have < FrameHeader.SIZE) {
        return off;
      }
      h = FrameHeader.parse(head, 0);
      frameOffset = consumed - FrameHeader.SIZE;
    }
    return startFrame(h, b, off, end);
  }

  private int startFrame(FrameHeader h, byte[] b, int off, int end) {
    have = 0;
    current = h;
    if (watch != null && !watch.proceed(h)) {
      state = State.BROKEN;
      return end;
    }
    if (h.length() > maxFrameSize) {
      // RFC 9113 §4.2: a frame above SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR. Report it
      // now, at its header, and pass over its payload without storing it.
      sink.accept(new ReadEvent.OversizedFrame(frameOffset, index++, h,
          new FrameProblem(FrameProblem.Kind.FRAME_TOO_LARGE, frameOffset, "frame length "
              + h.length() + " exceeds SETTINGS_MAX_FRAME_SIZE " + maxFrameSize + " (RFC 9113 §4.2)")));
      skipRemaining = h.length();
      state = skipRemaining == 0 ? State.HEADER : State.SKIP;
      return off;
    }
    if (end - off >= h.length()) {
      // Fast path: the whole payload is here; copy it once.
      Bytes p = Bytes.copyOf(b, off, h.length());
      consumed += h.length();
      emit(p);
      return off + h.length();
    }
    payload = new byte[Math.min(h.length(), Math.max(FIRST_CHUNK, end - off))];
    state = State.PAYLOAD;
    return off;
  }

  private int readPayload(byte[] b, int off, int end) {
    int n = Math.min(current.length() - have, end - off);
    if (have + n > payload.length) {
      payload = Arrays.copyOf(payload, Math.min(current.length(), Math.max(have + n, payload.length * 2)));
    }
    System.arraycopy(b, off, payload, have, n);
    have += n;
    consumed += n;
    if (have == current.length()) {
      byte[] p = payload;
      payload = null;
      have = 0;
      state = State.HEADER;
      emit(Bytes.wrap(p, 0, current.length()));
    }
    return off + n;
  }

  private int skip(byte[] b, int off, int end) {
    int n = Math.min(skipRemaining, end - off);
    skipRemaining -= n;
    consumed += n;
    if (skipRemaining == 0) {
      state = State.HEADER;
    }
    return off + n;
  }

  private void emit(Bytes p) {
    state = State.HEADER;
    RawFrame raw = new RawFrame(current, p);
    ParsedFrame parsed = FrameParser.parse(raw, frameOffset);
    if (parsed instanceof ParsedFrame.Ok ok) {
      sink.accept(new ReadEvent.FrameRead(frameOffset, index++, raw, ok.frame()));
    } else {
      sink.accept(new ReadEvent.MalformedFrame(frameOffset, index++, raw, ((ParsedFrame.Bad) parsed).problem()));
    }
  }
}
