package dev.h2harness.session;

import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.session.ScenarioRun.ClientFrame;
import dev.h2harness.session.ScenarioRun.Event;
import dev.h2harness.session.ScenarioRun.Pad;
import dev.h2harness.session.ScenarioRun.Read;
import dev.h2harness.session.ScenarioRun.SendData;
import dev.h2harness.session.ScenarioRun.SendEnd;
import dev.h2harness.session.ScenarioRun.SendStart;
import dev.h2harness.session.ScenarioRun.Trace;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@link SessionProperties}, over one {@link Trace}. Each check reads the captured
 * bytes with a client's eyes (its own model of the windows, fed by the DATA frames on the wire and
 * by the WINDOW_UPDATE and SETTINGS frames it sent) and the callback log, and throws
 * AssertionError naming the first thing that disagrees with contract §1–2.
 */
final class TraceChecks {
  /** One frame on the wire: its header and where it sits in {@link Trace#wire()}. */
  record WireFrame(int offset, FrameHeader header) {
    int payloadAt() {
      return offset + FrameHeader.SIZE;
    }

    int end() {
      return payloadAt() + header.length();
    }
  }

  /**
   * A DATA frame as the session produced it: the read that filled it, the padding answer (null
   * when select-padding was not called), the first sendData call for it (the moment it was
   * packed; WOULDBLOCK retries follow) and the model's windows at that moment.
   */
  static final class Packed {
    final Read read;
    Pad pad;
    SendData first;
    long streamWindow;
    long connWindow;
    /** The call that resolved it: 0, PAUSE, TEMPORAL_CALLBACK_FAILURE or fatal; null while blocked. */
    SendData last;

    Packed(Read read) {
      this.read = read;
    }
  }

  final Trace t;
  final byte[] wire;
  final List<Event> events;
  final List<WireFrame> frames = new ArrayList<>();
  final Map<Integer, WireFrame> frameAt = new HashMap<>();
  /** Model windows before each event (index-aligned with {@link #events}). */
  final long[] connBefore;
  final long[][] streamBefore;
  /** Every packed DATA frame, per stream index, in read order. */
  final List<List<Packed>> packed = new ArrayList<>();
  /** The packed frame each sendData call belongs to. */
  final Map<SendData, Packed> frameOf = new HashMap<>();
  final int streams;

  TraceChecks(Trace t) {
    this.t = t;
    this.wire = t.wire();
    this.events = t.events();
    this.streams = t.scenario().streams().size();
    parseWire();
    connBefore = new long[events.size() + 1];
    streamBefore = new long[events.size() + 1][];
    replay();
  }

  private static void check(boolean ok, String what) {
    if (!ok) throw new AssertionError(what);
  }

  private void parseWire() {
    List<String> problems = new ArrayList<>();
    FrameReader reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead fr) {
        add(fr.offset(), fr.raw().header());
      } else if (e instanceof ReadEvent.MalformedFrame mf) {
        add(mf.offset(), mf.raw().header()); // the layout checks name what is wrong with it
      } else {
        problems.add(e.toString());
      }
    });
    reader.feed(wire);
    reader.finish();
    check(problems.isEmpty(), "the wire does not split into frames: " + problems);
  }

  private void add(long offset, FrameHeader h) {
    WireFrame f = new WireFrame((int) offset, h);
    frames.add(f);
    frameAt.put(f.offset(), f);
  }

  /** Walks the log and the wire together: the client's model of the windows, and the packed frames. */
  private void replay() {
    long conn = SettingsParameter.DEFAULT_WINDOW;
    long[] sw = new long[streams];
    Arrays.fill(sw, t.scenario().initialWindow());
    long initial = t.scenario().initialWindow();
    List<ArrayDeque<Packed>> open = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      packed.add(new ArrayList<>());
      open.add(new ArrayDeque<>());
    }
    int next = 0;
    for (int i = 0; i <= events.size(); i++) {
      int at = i < events.size() ? events.get(i).wireAt() : wire.length;
      while (next < frames.size() && frames.get(next).end() <= at) {
        WireFrame f = frames.get(next++);
        if (f.header().type() == FrameType.DATA.code) {
          conn -= f.header().length();
          int s = t.streamIndex(f.header().streamId());
          if (s >= 0 && s < streams) sw[s] -= f.header().length();
        }
      }
      connBefore[i] = conn;
      streamBefore[i] = sw.clone();
      if (i == events.size()) break;
      Event e = events.get(i);
      if (e instanceof ClientFrame cf) {
        if (cf.frame() instanceof Frame.WindowUpdate wu) {
          if (wu.streamId() == 0) conn += wu.increment();
          else sw[t.streamIndex(wu.streamId())] += wu.increment();
        } else if (cf.frame() instanceof Frame.Settings st) {
          for (var s : st.settings()) {
            if (s.parameter() == SettingsParameter.INITIAL_WINDOW_SIZE) {
              for (int k = 0; k < streams; k++) sw[k] += s.value() - initial;
              initial = s.value();
            }
          }
        }
      } else if (e instanceof Read r) {
        Packed p = new Packed(r);
        int s = t.streamIndex(r.stream());
        packed.get(s).add(p);
        open.get(s).add(p);
      } else if (e instanceof Pad pad) {
        ArrayDeque<Packed> q = open.get(t.streamIndex(pad.stream()));
        check(!q.isEmpty() && q.peekLast().pad == null && q.peekLast().first == null,
            "event " + i + ": select-padding for stream " + pad.stream() + " without a fresh read");
        q.peekLast().pad = pad;
      } else if (e instanceof SendData sd) {
        int s = t.streamIndex(sd.stream());
        Packed p = open.get(s).peek();
        check(p != null, "event " + i + ": sendData for stream " + sd.stream() + " with no read to send");
        if (p.first == null) {
          p.first = sd;
          p.streamWindow = sw[s];
          p.connWindow = conn;
        }
        frameOf.put(sd, p);
        if (sd.returned() != NgError.WOULDBLOCK) {
          p.last = sd;
          open.get(s).poll();
        }
      }
    }
  }

  private static int flags(byte[] framehd) {
    return framehd[4] & 0xff;
  }

  private static int length(byte[] framehd) {
    return FrameHeader.parse(framehd, 0).length();
  }

  private List<WireFrame> frames(int type, int streamId) {
    return frames.stream().filter(f -> f.header().type() == type && f.header().streamId() == streamId).toList();
  }

  private WireFrame firstRst(int streamId) {
    List<WireFrame> r = frames(FrameType.RST_STREAM.code, streamId);
    return r.isEmpty() ? null : r.get(0);
  }

  /** Where the client's RST_STREAM for {@code streamId} was sent (wire length then), or -1. */
  int clientReset(int streamId) {
    for (Event e : events) {
      if (e instanceof ClientFrame cf && cf.frame() instanceof Frame.RstStream r && r.streamId() == streamId) return cf.wireAt();
    }
    return -1;
  }

  private long u32(int at) {
    return ((wire[at] & 0xffL) << 24) | ((wire[at + 1] & 0xff) << 16) | ((wire[at + 2] & 0xff) << 8) | (wire[at + 3] & 0xff);
  }

  // ---- property 1: layout ---------------------------------------------------------------------

  /** contract §1.4, §1.6, §1.7, RFC 9113 §6.1 and §5.1 for every DATA frame on the wire. */
  void dataFramesAreLaidOutAsContracted() {
    Map<Integer, SendData> writes = new HashMap<>();
    for (Event e : events) {
      if (e instanceof SendData sd && sd.wireEnd() > sd.wireAt()) writes.put(sd.wireAt(), sd);
    }
    for (WireFrame f : frames) {
      FrameHeader h = f.header();
      if (h.type() != FrameType.DATA.code) continue;
      String at = "DATA at octet " + f.offset();
      SendData sd = writes.get(f.offset());
      check(sd != null, at + " was not written by sendData (NO_COPY bodies only)");
      check(sd.wireEnd() == f.end(), at + ": sendData wrote " + (sd.wireEnd() - sd.wireAt()) + " octets, one frame is "
          + (f.end() - f.offset()));
      check(Arrays.equals(sd.framehd(), Arrays.copyOfRange(wire, f.offset(), f.payloadAt())), at + ": header is not framehd");
      // §1.4/§1.7: length field = data + padlen; PADDED iff padlen > 0.
      check(h.length() == sd.length() + sd.padlen(), at + ": length field " + h.length() + " != length "
          + sd.length() + " + padlen " + sd.padlen());
      check(Flags.has(h.flags(), Flags.PADDED) == (sd.padlen() > 0), at + ": PADDED flag disagrees with padlen " + sd.padlen());
      check((h.flags() & ~(Flags.PADDED | Flags.END_STREAM)) == 0, at + ": flags other than END_STREAM and PADDED");
      check(h.streamId() != 0 && !h.reservedBit(), at + ": stream 0 or R bit set");
      if (sd.padlen() > 0) {
        check((wire[f.payloadAt()] & 0xff) == sd.padlen() - 1, at + ": Pad Length octet is not padlen - 1");
        // RFC 9113 §6.1: Pad Length ≤ payload length - 1, and padding octets are zero.
        check((wire[f.payloadAt()] & 0xff) <= h.length() - 1, at + ": Pad Length beyond the payload");
        int k = f.end() - (sd.padlen() - 1);
        while (k < f.end() && wire[k] == 0) k++;
        check(k == f.end(), at + ": padding octet " + (k - f.payloadAt()) + " is not zero");
      }
      // §1.6: END_STREAM exactly on the frame that carried EOF (no NO_END_STREAM in these bodies).
      Packed p = frameOf.get(sd);
      check(p != null && p.read.returned() == sd.length(), at + ": length " + sd.length() + " is not what the read returned");
      check(Flags.has(h.flags(), Flags.END_STREAM) == p.read.eof(), at + ": END_STREAM " + Flags.has(h.flags(), Flags.END_STREAM)
          + " on a frame whose read said EOF=" + p.read.eof());
    }
    for (int i = 0; i < streams; i++) {
      int id = t.streamId(i);
      List<WireFrame> data = frames(FrameType.DATA.code, id);
      List<WireFrame> headers = frames(FrameType.HEADERS.code, id);
      if (!data.isEmpty()) {
        // §1.9 and RFC 9113 §5.1: the response HEADERS precede the stream's DATA.
        check(!headers.isEmpty() && headers.get(0).offset() < data.get(0).offset(), "stream " + id + ": DATA before HEADERS");
      }
      for (int k = 0; k < data.size(); k++) {
        boolean end = Flags.has(data.get(k).header().flags(), Flags.END_STREAM);
        check(!end || k == data.size() - 1, "stream " + id + ": DATA after END_STREAM");
      }
      WireFrame rst = firstRst(id);
      if (rst != null && !data.isEmpty()) {
        check(data.get(data.size() - 1).offset() < rst.offset(), "stream " + id + ": DATA after RST_STREAM");
      }
      int clientRst = clientReset(id);
      if (clientRst >= 0 && !data.isEmpty()) {
        check(data.get(data.size() - 1).offset() < clientRst, "stream " + id + ": DATA after the client's RST_STREAM");
      }
      boolean endedNormally = rst == null && clientRst < 0 && t.fatal() == 0;
      if (endedNormally) {
        check(!data.isEmpty() && Flags.has(data.get(data.size() - 1).header().flags(), Flags.END_STREAM),
            "stream " + id + " was neither reset nor cut by a fatal error, yet its last DATA has no END_STREAM");
      }
    }
  }

  // ---- property 2: padding --------------------------------------------------------------------

  /** contract §1.2 and §1.3: what the read is offered, and the padding range. */
  void paddingStaysInRange() {
    int mfs = t.scenario().maxFrameSize();
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof Read r)) continue;
      int s = t.streamIndex(r.stream());
      long expected = Math.min(Math.min(Session.DATA_PAYLOADLEN, streamBefore[i][s]), Math.min(connBefore[i], mfs));
      check(r.maxLength() == expected, "event " + i + ": read on stream " + r.stream() + " offered maxLength "
          + r.maxLength() + ", min(16384, stream window, connection window, MAX_FRAME_SIZE) is " + expected);
      check(r.maxLength() > 0, "event " + i + ": read offered maxLength 0 (the stream should be deferred)");
    }
    for (List<Packed> list : packed) {
      for (Packed p : list) {
        if (p.first == null) continue;
        int length = p.read.returned();
        int maxLength = p.read.maxLength();
        int maxPadded = Math.min(maxLength, length + Session.MAX_PADLEN);
        String at = "frame of stream " + p.read.stream() + " read at octet " + p.read.wireAt() + " (length " + length
            + ", maxLength " + maxLength + ")";
        if (p.pad == null) {
          check(length >= maxLength, at + ": select-padding was not called though " + length + " < " + maxLength);
          check(p.first.padlen() == 0, at + ": padlen " + p.first.padlen() + " without select-padding");
        } else {
          check(length < maxLength, at + ": select-padding called though the read filled maxLength");
          check(p.pad.length() == length && p.pad.maxPadded() == maxPadded, at + ": select-padding offered ("
              + p.pad.length() + ", " + p.pad.maxPadded() + "), contract §1.3 says (" + length + ", " + maxPadded + ")");
          check(p.first.padlen() == p.pad.returned() - length, at + ": padlen " + p.first.padlen()
              + " is not the chosen " + p.pad.returned() + " minus " + length);
        }
        int padlen = p.first.padlen();
        int total = length + padlen;
        check(padlen >= 0 && padlen <= Session.MAX_PADLEN, at + ": padlen " + padlen + " outside 0..256");
        check(total <= maxPadded || padlen == 0, at + ": padded length " + total + " above min(maxLength, length + 256) = " + maxPadded);
        check(total <= mfs, at + ": frame payload " + total + " above the peer's MAX_FRAME_SIZE " + mfs);
        check(total <= p.streamWindow && total <= p.connWindow, at + ": padded payload " + total
            + " above the stream window " + p.streamWindow + " or the connection window " + p.connWindow);
      }
    }
  }

  // ---- property 3: windows --------------------------------------------------------------------

  /** contract §1.5, RFC 9113 §6.9: no frame exceeds a window; the session's windows are the client's. */
  void windowsAreNeverExceeded() {
    for (List<Packed> list : packed) {
      for (Packed p : list) {
        if (p.first == null) continue;
        long len = length(p.first.framehd());
        // Checked when the frame was packed: a WOULDBLOCK retry sends the packed frame as it is.
        check(len <= p.streamWindow, "DATA on stream " + p.read.stream() + " of " + len
            + " octets (padding included) packed with a stream window of " + p.streamWindow);
        check(len <= p.connWindow, "DATA on stream " + p.read.stream() + " of " + len
            + " octets (padding included) packed with a connection window of " + p.connWindow);
      }
    }
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof SendEnd end)) continue;
      // Everything written before send() returned is charged, nothing else (WOULDBLOCK, TEMPORAL, fatal).
      long conn = connBefore[i];
      check(end.connWindow() == conn, "after send() call " + end.call() + " the session's connection window is "
          + end.connWindow() + ", the DATA on the wire leaves " + conn);
      for (int s = 0; s < streams; s++) {
        if (end.streamWindows()[s] == Integer.MIN_VALUE) continue; // stream gone
        check(end.streamWindows()[s] == streamBefore[i][s], "after send() call " + end.call() + " stream "
            + t.streamId(s) + "'s window is " + end.streamWindows()[s] + ", the DATA on the wire leaves " + streamBefore[i][s]);
      }
    }
  }

  // ---- property 4: bodies ---------------------------------------------------------------------

  /** contract §3: every body octet arrives once, in order; a prefix after RST or fatal. */
  void bodiesArriveOnceAndInOrder() {
    for (int i = 0; i < streams; i++) {
      int id = t.streamId(i);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      List<Integer> lengths = new ArrayList<>();
      for (WireFrame f : frames(FrameType.DATA.code, id)) {
        int padlen = Flags.has(f.header().flags(), Flags.PADDED) ? 1 + (wire[f.payloadAt()] & 0xff) : 0;
        int from = f.payloadAt() + (padlen > 0 ? 1 : 0);
        int n = f.header().length() - padlen;
        check(n >= 0, "stream " + id + ": DATA frame at " + f.offset() + " with more padding than payload");
        body.write(wire, from, n);
        lengths.add(n);
      }
      byte[] got = body.toByteArray();
      long expectedTotal = t.scenario().streams().get(i).body();
      check(got.length <= expectedTotal, "stream " + id + ": " + got.length + " body octets arrived, the body has " + expectedTotal);
      int mismatch = BodyPattern.mismatch(0, got, 0, got.length);
      check(mismatch < 0, "stream " + id + ": body octet " + mismatch + " is not the pattern (lost or repeated data)");
      // The frames carry exactly the reads, in order: nothing sent twice, nothing skipped.
      List<Integer> reads = packed.get(i).stream().map(p -> p.read.returned()).toList();
      check(lengths.size() <= reads.size() && lengths.equals(reads.subList(0, lengths.size())),
          "stream " + id + ": DATA lengths " + lengths + " are not the reads " + reads + " in order");
      boolean cut = firstRst(id) != null || clientReset(id) >= 0 || t.fatal() != 0;
      if (!cut) {
        check(got.length == expectedTotal, "stream " + id + ": only " + got.length + " of " + expectedTotal
            + " octets arrived, without RST_STREAM or fatal error (" + t.sendCalls() + " send() calls)");
        check(lengths.size() == reads.size(), "stream " + id + ": a read was never sent");
      }
    }
  }

  // ---- property 5: return values --------------------------------------------------------------

  /** contract §2: each sendData return value has its outcome. */
  void returnValuesHaveTheirOutcomes() {
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e instanceof SendEnd end) {
        check(end.returned() == 0 || end.returned() == NgError.CALLBACK_FAILURE,
            "send() call " + end.call() + " returned " + NgError.name(end.returned()));
        Event before = events.get(i - 1);
        boolean stopped = before instanceof SendData sd
            && (sd.returned() == NgError.WOULDBLOCK || sd.returned() == NgError.PAUSE);
        if (end.returned() == 0 && !stopped) {
          check(!end.wantWrite(), "send() call " + end.call() + " returned 0 with work left and no WOULDBLOCK or PAUSE");
        }
        if (end.returned() == NgError.CALLBACK_FAILURE) {
          check(before instanceof SendData sd && NgError.isFatalSendDataReturn(sd.returned()),
              "send() call " + end.call() + " returned CALLBACK_FAILURE without a fatal sendData return");
        }
        continue;
      }
      if (!(e instanceof SendData sd)) continue;
      String at = "event " + i + ": sendData on stream " + sd.stream() + " in send() call " + sd.call() + " returned "
          + NgError.name(sd.returned());
      Event after = events.get(i + 1);
      int frameOctets = FrameHeader.SIZE + sd.length() + sd.padlen();
      switch (sd.returned()) {
        case 0 -> check(sd.wireEnd() - sd.wireAt() == frameOctets, at + ": frame not written whole");
        case NgError.WOULDBLOCK -> {
          check(after instanceof SendEnd se && se.returned() == 0 && se.wireAt() == sd.wireAt(),
              at + ": send() did not return 0 at once with nothing written (next: " + after + ")");
          int next = nextSendStart(i);
          int reset = indexOfClientReset(sd.stream());
          if (next >= 0 && reset > i && reset < next) {
            // contract §2 edge case: the stream closed while its frame was blocked; it is dropped.
            for (int k = next; k < events.size(); k++) {
              check(!(events.get(k) instanceof SendData later && later.stream() == sd.stream()),
                  at + ": sendData called again after the client reset the stream");
            }
          } else if (next >= 0) {
            Event retry = events.get(next + 1);
            check(retry instanceof SendData r && r.stream() == sd.stream() && Arrays.equals(r.framehd(), sd.framehd())
                && r.length() == sd.length() && r.padlen() == sd.padlen(),
                at + ": the next send() call did not start with the same frame again (got " + retry + ")");
          }
        }
        case NgError.PAUSE -> {
          check(sd.wireEnd() - sd.wireAt() == frameOctets, at + ": frame not written whole");
          check(after instanceof SendEnd se && se.returned() == 0 && se.wireAt() == sd.wireEnd(),
              at + ": send() did not return 0 right after the frame (next: " + after + ")");
        }
        case NgError.TEMPORAL_CALLBACK_FAILURE -> {
          int endIndex = sendEndOf(i);
          SendEnd end = (SendEnd) events.get(endIndex);
          check(sd.wireEnd() == sd.wireAt(), at + ": octets written for the dropped frame");
          for (WireFrame f : frames(FrameType.DATA.code, sd.stream())) {
            check(f.offset() < sd.wireAt(), at + ": DATA on the stream after the failure");
          }
          // The connection goes on: the queued RST_STREAM follows in the same send() call, before any
          // DATA (only urgent frames, e.g. a SETTINGS ACK waiting behind the blocked frame, may precede it).
          WireFrame rst = firstRst(sd.stream());
          check(rst != null && rst.offset() >= sd.wireAt() && rst.end() <= end.wireAt(),
              at + ": no RST_STREAM for the stream in the same send() call");
          for (WireFrame f : frames) {
            check(f.offset() < sd.wireAt() || f.offset() >= rst.offset() || f.header().type() != FrameType.DATA.code,
                at + ": DATA written before the RST_STREAM");
          }
          check(u32(rst.payloadAt()) == ErrorCode.INTERNAL_ERROR.code, at + ": RST_STREAM code " + u32(rst.payloadAt())
              + ", expected INTERNAL_ERROR");
          check(end.connWindow() == connBefore[endIndex], at + ": connection window charged for the dropped frame");
        }
        default -> {
          check(after instanceof SendEnd se && se.returned() == NgError.CALLBACK_FAILURE && se.wireAt() == sd.wireAt(),
              at + ": send() did not return CALLBACK_FAILURE at once (next: " + after + ")");
          check(t.fatal() == NgError.CALLBACK_FAILURE && i + 2 == events.size(), at + ": the run went on after a fatal error");
        }
      }
    }
  }

  private int indexOfClientReset(int streamId) {
    for (int k = 0; k < events.size(); k++) {
      if (events.get(k) instanceof ClientFrame cf && cf.frame() instanceof Frame.RstStream r && r.streamId() == streamId) return k;
    }
    return Integer.MAX_VALUE;
  }

  private int nextSendStart(int from) {
    for (int k = from + 1; k < events.size(); k++) {
      if (events.get(k) instanceof SendStart) return k;
    }
    return -1;
  }

  private int sendEndOf(int from) {
    for (int k = from + 1; k < events.size(); k++) {
      if (events.get(k) instanceof SendEnd) return k;
    }
    throw new AssertionError("no end of the send() call after event " + from);
  }
}
