package dev.h2harness.check;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.scenario.ControlBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Test helper: the capture of one connection with a server target, written by hand as chunks of
 * bytes in the order they were "captured", each remembering where it sits in its direction's byte
 * stream, and replayed into a {@link ConnectionModel}.
 */
final class HandMadeCapture {
  /** Where a frame was written: the header's absolute offset and its index in its direction. */
  record At(long offset, int index) {
    long payload() {
      return offset + 9;
    }
  }

  private record Chunk(boolean fromTarget, byte[] bytes) {}

  private final List<Chunk> chunks = new ArrayList<>();
  private final HpackEncoder peerHpack = new HpackEncoder();
  private final HpackEncoder targetHpack = new HpackEncoder();
  private long peerOffset;
  private long targetOffset;
  private int peerFrames;
  private int targetFrames;
  private boolean targetClosed;

  /** The client preface and the peer's SETTINGS. */
  HandMadeCapture preface(Setting... settings) {
    peerBytes(FrameReader.CLIENT_PREFACE.toArray());
    peer(Frame.Settings.of(settings));
    return this;
  }

  /** Preface and SETTINGS both ways, both ACKed: the usual start. */
  HandMadeCapture handshake(Setting... peerSettings) {
    preface(peerSettings);
    target(Frame.Settings.of());
    target(Frame.Settings.ack());
    peer(Frame.Settings.ack());
    return this;
  }

  /** A GET on {@code stream} with END_STREAM and the given extra header name/value pairs. */
  At request(int stream, String... extra) {
    List<HeaderField> fields = new ArrayList<>(List.of(new HeaderField(":method", "GET"),
        new HeaderField(":scheme", "http"), new HeaderField(":path", "/"),
        new HeaderField(":authority", "localhost")));
    for (int i = 0; i < extra.length; i += 2) {
      fields.add(new HeaderField(extra[i], extra[i + 1]));
    }
    return peer(Frame.Headers.of(stream, Bytes.wrap(peerHpack.encode(fields)), true));
  }

  /** Response HEADERS with {@code :status} and extra name/value pairs. */
  At response(int stream, int status, boolean endStream, String... extra) {
    List<HeaderField> fields = new ArrayList<>(List.of(new HeaderField(":status", Integer.toString(status))));
    for (int i = 0; i < extra.length; i += 2) {
      fields.add(new HeaderField(extra[i], extra[i + 1]));
    }
    return target(Frame.Headers.of(stream, Bytes.wrap(targetHpack.encode(fields)), endStream));
  }

  /** Trailers: a header block with END_STREAM and the given name/value pairs. */
  At trailers(int stream, String... kv) {
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.add(new HeaderField(kv[i], kv[i + 1]));
    }
    return target(Frame.Headers.of(stream, Bytes.wrap(targetHpack.encode(fields)), true));
  }

  /** {@code n} body bytes following the h2h-body pattern from body index {@code from}. */
  static Bytes body(long from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ((from + i) % 251);
    }
    return Bytes.wrap(b);
  }

  At peer(Frame f) {
    return peerBytes(FrameWriter.writeLenient(f), 1);
  }

  At target(Frame f) {
    return targetBytes(FrameWriter.writeLenient(f), 1);
  }

  At peerBytes(byte[] b) {
    return peerBytes(b, 0);
  }

  /** Raw target bytes holding {@code frames} frame starts. */
  At targetBytes(byte[] b, int frames) {
    At at = new At(targetOffset, targetFrames);
    chunks.add(new Chunk(true, b));
    targetOffset += b.length;
    targetFrames += frames;
    return at;
  }

  private At peerBytes(byte[] b, int frames) {
    At at = new At(peerOffset, peerFrames);
    chunks.add(new Chunk(false, b));
    peerOffset += b.length;
    peerFrames += frames;
    return at;
  }

  HandMadeCapture closeTarget() {
    targetClosed = true;
    return this;
  }

  /**
   * A model for a server target whose requests ask for bodies as the control headers say
   * ({@code h2h-body}), told to it as the scenario layer does for a capture.
   */
  static ConnectionModel model() {
    return model(null);
  }

  /** {@link #model()} with a frame log. */
  static ConnectionModel model(java.util.function.Consumer<FrameLogLine> frameLog) {
    return new ConnectionModel(true, Rules.standard(), frameLog, ControlBodies.fromRequests(true));
  }

  ConnectionModel replay() {
    return replay(model(), len -> len);
  }

  /**
   * Feeds every chunk in pieces: {@code pieceSize} is asked, for each piece, how long it may be
   * given what is left of the chunk.
   */
  ConnectionModel replay(ConnectionModel m, IntUnaryOperator pieceSize) {
    feed(m, pieceSize);
    if (targetClosed) {
      m.targetClosed();
    }
    m.finish();
    return m;
  }

  /** Feeds every chunk whole, and neither closes nor finishes: more bytes may follow. */
  ConnectionModel feed(ConnectionModel m) {
    feed(m, len -> len);
    return m;
  }

  private void feed(ConnectionModel m, IntUnaryOperator pieceSize) {
    for (Chunk c : chunks) {
      int off = 0;
      while (off < c.bytes.length) {
        int n = Math.max(1, Math.min(c.bytes.length - off, pieceSize.applyAsInt(c.bytes.length - off)));
        if (c.fromTarget) {
          m.fromTarget(c.bytes, off, n);
        } else {
          m.fromPeer(c.bytes, off, n);
        }
        off += n;
      }
    }
  }
}
