package dev.h2harness.session;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.FrameProblem;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackException;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;
import dev.h2harness.stream.Transition;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The receive side of a {@link Session}: frames from the peer, checked against RFC 9113 and
 * applied to the session's state. Errors keep their scope ({@link ProtocolError}): a connection
 * error ends the session with GOAWAY, a stream error resets the stream.
 */
final class Inbound {
  private final Session session;
  private final FrameReader reader;
  private boolean settingsSeen;
  private int fatal;

  /** A header block waiting for CONTINUATION frames (RFC 9113 §6.10). */
  private Frame blockStart;
  private ByteArrayOutputStream block;

  /** Stream ids the peer opened lately, to tell a closed stream from a skipped one; bounded. */
  private static final int RECENTLY_OPENED = 1024;
  private final RecentStreamIds recentlyOpened = new RecentStreamIds(RECENTLY_OPENED);

  Inbound(Session session) {
    this.session = session;
    this.reader = new FrameReader(session.server, FrameReader.DEFAULT_MAX_FRAME_SIZE, this::onEvent);
  }

  void guard(FrameHeaderGuard guard) {
    reader.watchHeaders(guard == null ? null : h -> {
      String refusal = guard.refusal(h);
      if (refusal == null) return true;
      // RFC 9113 §10.5: abuse may be refused with ENHANCE_YOUR_CALM; GOAWAY goes out, nothing more is read.
      session.terminate(ErrorCode.ENHANCE_YOUR_CALM, refusal);
      return false;
    });
  }

  int receive(byte[] data, int offset, int length) {
    if (session.terminating) {
      return length;
    }
    reader.setMaxFrameSize(session.local.maxFrameSize);
    reader.feed(data, offset, length);
    return fatal != 0 ? fatal : length;
  }

  private void onEvent(ReadEvent event) {
    if (session.terminating) {
      return;
    }
    if (event instanceof ReadEvent.FrameRead fr) {
      ProtocolError error = onFrame(fr.frame());
      if (error != null) fail(error);
    } else if (event instanceof ReadEvent.MalformedFrame mf) {
      FrameProblem p = mf.problem();
      boolean streamScoped = mf.raw().header().type() == FrameType.PRIORITY.code
          && mf.raw().header().streamId() != 0;
      // RFC 9113 §6.3: a PRIORITY frame of the wrong size is a stream error; the rest affect
      // the connection's state (§4.2, §6.1, §6.4, §6.5, §6.7, §6.9).
      fail(streamScoped ? ProtocolError.stream(mf.raw().header().streamId(), p.kind().errorCode, p.message())
          : ProtocolError.connection(p.kind().errorCode, p.message()));
    } else if (event instanceof ReadEvent.OversizedFrame of) {
      fail(ProtocolError.connection(ErrorCode.FRAME_SIZE_ERROR, of.problem().message()));
    } else if (event instanceof ReadEvent.StreamBroken sb) {
      if (sb.problem().kind() == FrameProblem.Kind.BAD_PREFACE) {
        fatal = NgError.BAD_CLIENT_MAGIC;
        fail(ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, sb.problem().message()));
      }
    }
  }

  private void fail(ProtocolError e) {
    if (e.isConnectionError()) {
      session.terminate(e.code(), e.reason());
    } else if (!session.allowStreamError()) {
      // RFC 9113 §5.4.1 leaves it to us to end a connection whose peer keeps causing stream errors.
      session.terminate(ErrorCode.ENHANCE_YOUR_CALM, "too many stream errors (" + e.reason() + ")");
    } else {
      session.addRstStream(e.streamId(), e.code().code);
    }
  }

  private ProtocolError onFrame(Frame f) {
    if (block != null && !(f instanceof Frame.Continuation && f.streamId() == blockStart.streamId())) {
      // RFC 9113 §6.10: anything but CONTINUATION of the same stream inside a header block.
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR,
          f.typeName() + " inside the header block of stream " + blockStart.streamId());
    }
    if (!settingsSeen) {
      // RFC 9113 §3.4: the preface is followed by a SETTINGS frame.
      if (!(f instanceof Frame.Settings s) || s.isAck()) {
        return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "first frame is " + f.typeName() + ", not SETTINGS");
      }
      settingsSeen = true;
    }
    String misplaced = FrameType.streamProblem(f.typeCode(), f.streamId());
    if (misplaced != null) {
      // RFC 9113 §6: a frame on a stream its type forbids (stream 0 or not) is a PROTOCOL_ERROR.
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, misplaced);
    }
    if (f instanceof Frame.Data d) return onData(d);
    if (f instanceof Frame.Headers h) return onHeadersStart(h);
    if (f instanceof Frame.Continuation c) return onContinuation(c);
    if (f instanceof Frame.Priority p) return onPriority(p);
    if (f instanceof Frame.RstStream r) return onRstStream(r);
    if (f instanceof Frame.Settings s) return onSettings(s);
    if (f instanceof Frame.PushPromise pp) return onPushPromise(pp);
    if (f instanceof Frame.Ping p) return onPing(p);
    if (f instanceof Frame.GoAway g) return onGoAway(g);
    if (f instanceof Frame.WindowUpdate w) return onWindowUpdate(w);
    return null; // RFC 9113 §5.5: unknown frame types are ignored.
  }

  private boolean isIdle(int streamId) {
    return session.streamState(streamId) == StreamState.IDLE && !session.streams.containsKey(streamId);
  }

  private ProtocolError onData(Frame.Data d) {
    int id = d.streamId();
    Stream s = session.streams.get(id);
    if (s == null && isIdle(id)) {
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "DATA on idle stream " + id + " (§5.1)");
    }
    int length = d.flowControlledLength();
    // RFC 9113 §6.9: every DATA frame counts against the connection window, whatever its stream.
    if (!session.connRecvWindow.accept(length)) {
      return ProtocolError.connection(ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the connection window");
    }
    giveBack(0, session.connRecvWindow);
    // RFC 9113 §5.1, §6.1: the table decides; a stream the session no longer holds is closed.
    StreamState state = s == null ? StreamState.CLOSED : s.state;
    if (StreamTransitions.next(state, StreamInput.RECV_DATA, session.role) instanceof Transition.Violation v) {
      return ProtocolError.of(id, v, "DATA on stream " + id + " in state " + state);
    }
    if (s.closing) {
      return ProtocolError.stream(id, ErrorCode.STREAM_CLOSED, "DATA on stream " + id + " after our RST_STREAM");
    }
    if (!s.recvWindow.accept(length)) {
      return ProtocolError.stream(id, ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the stream window");
    }
    s.receivedBody += d.data().length();
    if (!d.data().isEmpty()) session.progress++;
    if (s.expectedContentLength >= 0 && s.receivedBody > s.expectedContentLength) {
      return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "body longer than content-length (§8.1.1)");
    }
    if (!d.data().isEmpty()) {
      byte[] chunk = d.data().toArray();
      session.cb.onDataChunk.onDataChunk(session, id, chunk, 0, chunk.length);
    }
    session.cb.onFrameReceive.onFrame(session, d);
    if (d.hasFlag(Flags.END_STREAM)) {
      if (s.expectedContentLength >= 0 && s.receivedBody != s.expectedContentLength && !s.isHead) {
        return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "body shorter than content-length (§8.1.1)");
      }
      session.transition(s, StreamInput.RECV_END_STREAM);
    } else {
      giveBack(id, s.recvWindow);
    }
    return null;
  }

  /** Queues WINDOW_UPDATE for {@code streamId} (0: the connection) when the window's policy says so. */
  private void giveBack(int streamId, ReceiveWindow window) {
    int increment = window.takeIncrement();
    if (increment > 0) {
      session.queues.regular.add(new OutboundItem.Control(Frame.WindowUpdate.of(streamId, increment), false));
    }
  }

  private ProtocolError onHeadersStart(Frame.Headers h) {
    return startBlock(h, h.fragment());
  }

  private ProtocolError onPushPromise(Frame.PushPromise pp) {
    if (session.server) {
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE sent by a client (§8.4)");
    }
    if (session.local.enablePush == 0) {
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE with push disabled (§6.6)");
    }
    return startBlock(pp, pp.fragment());
  }

  private ProtocolError startBlock(Frame start, Bytes fragment) {
    blockStart = start;
    block = new ByteArrayOutputStream(Math.max(64, fragment.length()));
    block.writeBytes(fragment.toArray());
    return start.hasFlag(Flags.END_HEADERS) ? endBlock() : null;
  }

  private ProtocolError onContinuation(Frame.Continuation c) {
    if (block == null) {
      return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "CONTINUATION without a header block (§6.10)");
    }
    block.writeBytes(c.fragment().toArray());
    return c.hasFlag(Flags.END_HEADERS) ? endBlock() : null;
  }

  private ProtocolError endBlock() {
    Frame start = blockStart;
    byte[] bytes = block.toByteArray();
    blockStart = null;
    block = null;
    List<HeaderField> fields;
    try {
      // Decoded even for a stream about to be refused, so the HPACK context stays in step.
      fields = session.decoder.decode(bytes);
    } catch (HpackException e) {
      if (e.kind() == HpackException.Kind.HEADER_LIST_TOO_LARGE) {
        // RFC 9113 §10.5.1: the block was decoded (HPACK stays in step) but a field section above
        // the limit we announced is refused; closing the connection is left to us (CVE-2019-9516 family).
        return ProtocolError.connection(ErrorCode.ENHANCE_YOUR_CALM, "header list above SETTINGS_MAX_HEADER_LIST_SIZE");
      }
      return ProtocolError.connection(ErrorCode.COMPRESSION_ERROR, e.getMessage());
    }
    if (start instanceof Frame.PushPromise pp) {
      session.addRstStream(pp.promisedStreamId(), ErrorCode.CANCEL.code);
      return null;
    }
    Frame.Headers h = (Frame.Headers) start;
    if (h.priority() != null && h.priority().dependency() == h.streamId()) {
      return ProtocolError.stream(h.streamId(), ErrorCode.PROTOCOL_ERROR, "stream depends on itself (§5.3.1)");
    }
    return session.server ? requestHeaders(h, fields) : responseHeaders(h, fields);
  }

  private ProtocolError requestHeaders(Frame.Headers h, List<HeaderField> fields) {
    int id = h.streamId();
    Stream s = session.streams.get(id);
    boolean endStream = h.hasFlag(Flags.END_STREAM);
    if (s == null) {
      if (id % 2 == 0) {
        return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "client opened even stream " + id + " (§5.1.1)");
      }
      if (id <= session.lastPeerStreamId) {
        // RFC 9113 §5.1.1: a new stream id must exceed every one opened before; a stream that
        // was open and is closed now gets STREAM_CLOSED (§5.1), a skipped one PROTOCOL_ERROR.
        return recentlyOpened.contains(id)
            ? ProtocolError.connection(ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id + " (§5.1)")
            : ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "stream id " + id + " below the last one opened (§5.1.1)");
      }
      session.lastPeerStreamId = id;
      recentlyOpened.add(id);
      if (session.goawaySent) {
        return null; // RFC 9113 §6.8: streams above the last-stream-id are ignored.
      }
      s = new Stream(id, session.remote.initialWindowSize, session.local.initialWindowSize);
      session.apply(s, StreamInput.RECV_HEADERS);
      session.streams.put(id, s);
      session.progress++;
      long limit = Math.min(session.local.maxConcurrentStreams, session.announcedMaxConcurrentStreams);
      if (session.activePeerStreams >= limit) {
        // RFC 9113 §5.1.2: above our SETTINGS_MAX_CONCURRENT_STREAMS.
        return ProtocolError.stream(id, ErrorCode.REFUSED_STREAM, "more than " + limit + " streams");
      }
      long octets = HeaderRules.listSize(fields);
      if (session.heldHeaderOctets + octets > session.maxHeldHeaderOctets) {
        return ProtocolError.stream(id, ErrorCode.REFUSED_STREAM, "request fields of this connection above its limit");
      }
      session.count(s, octets);
      String why = HeaderRules.request(fields);
      if (why == null) {
        s.expectedContentLength = HeaderRules.contentLength(fields);
        if (s.expectedContentLength == -2) why = "malformed content-length (§8.1.1)";
      }
      if (why != null) return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, why);
      s.requestHeadersReceived = true;
      s.isHead = HeaderRules.isHead(fields);
      deliver(h, fields);
      if (endStream) {
        if (s.expectedContentLength > 0) {
          return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "END_STREAM before content-length octets (§8.1.1)");
        }
        session.transition(s, StreamInput.RECV_END_STREAM);
      }
      return null;
    }
    return trailers(s, h, fields);
  }

  private ProtocolError responseHeaders(Frame.Headers h, List<HeaderField> fields) {
    int id = h.streamId();
    Stream s = session.streams.get(id);
    if (s == null) {
      if (id % 2 == 0) return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "HEADERS on unpromised stream " + id);
      return isIdle(id) ? ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "HEADERS on idle stream " + id)
          : ProtocolError.connection(ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id);
    }
    if (s.requestHeadersReceived) {
      return trailers(s, h, fields);
    }
    String why = HeaderRules.response(fields);
    if (why != null) return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, why);
    String status = fields.get(0).value();
    boolean interim = status.startsWith("1");
    if (!interim) {
      s.requestHeadersReceived = true;
      s.expectedContentLength = HeaderRules.contentLength(fields);
      if (s.expectedContentLength == -2) {
        return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "malformed content-length (§8.1.1)");
      }
    }
    deliver(h, fields);
    if (h.hasFlag(Flags.END_STREAM)) {
      session.transition(s, StreamInput.RECV_END_STREAM);
    }
    return null;
  }

  private ProtocolError trailers(Stream s, Frame.Headers h, List<HeaderField> fields) {
    int id = h.streamId();
    if (s.state == StreamState.HALF_CLOSED_REMOTE || s.isClosed()) {
      return ProtocolError.stream(id, ErrorCode.STREAM_CLOSED, "HEADERS after END_STREAM on stream " + id + " (§5.1)");
    }
    if (!h.hasFlag(Flags.END_STREAM)) {
      return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM (§8.1)");
    }
    String why = HeaderRules.trailers(fields);
    if (why != null) return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, why);
    if (s.expectedContentLength >= 0 && s.receivedBody != s.expectedContentLength && !s.isHead) {
      return ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "body length differs from content-length (§8.1.1)");
    }
    deliver(h, fields);
    session.transition(s, StreamInput.RECV_END_STREAM);
    return null;
  }

  private void deliver(Frame.Headers h, List<HeaderField> fields) {
    SessionCallbacks cb = session.cb;
    cb.onBeginHeaders.onFrame(session, h);
    for (HeaderField f : fields) cb.onHeader.onHeader(session, h.streamId(), f);
    cb.onFrameReceive.onFrame(session, h);
  }

  private ProtocolError onPriority(Frame.Priority p) {
    if (p.priority().dependency() == p.streamId()) {
      return ProtocolError.stream(p.streamId(), ErrorCode.PROTOCOL_ERROR, "stream depends on itself (§5.3.1)");
    }
    return null; // RFC 9113 §5.3.2: the priority signal is deprecated; accepted and ignored.
  }

  private ProtocolError onRstStream(Frame.RstStream r) {
    int id = r.streamId();
    if (isIdle(id)) return ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream " + id + " (§6.4)");
    session.cb.onFrameReceive.onFrame(session, r);
    Stream s = session.streams.get(id);
    if (s != null) session.closeStream(s, r.errorCode());
    if (!session.allowReset()) {
      // Rapid reset (CVE-2023-44487): each reset stream cost us its request, whatever its state now.
      return ProtocolError.connection(ErrorCode.ENHANCE_YOUR_CALM, "too many streams reset by the peer");
    }
    return null;
  }

  private ProtocolError onSettings(Frame.Settings f) {
    if (f.isAck()) {
      List<Setting> acked = session.unackedLocalSettings.poll();
      if (acked != null) applyLocal(acked);
      session.cb.onFrameReceive.onFrame(session, f);
      return null;
    }
    for (Setting s : f.settings()) {
      ProtocolError e = invalidSetting(s, !session.server);
      if (e != null) return e;
    }
    boolean everyWindowChanged = false;
    for (Setting s : f.settings()) {
      if (s.parameter() == SettingsParameter.INITIAL_WINDOW_SIZE) {
        // RFC 9113 §6.9.2: the change applies to every stream's window, which may go negative.
        long delta = s.value() - session.remote.initialWindowSize;
        everyWindowChanged |= delta != 0;
        for (Stream st : session.streams.values()) {
          if (!st.sendWindow.fits(delta)) {
            return ProtocolError.connection(ErrorCode.FLOW_CONTROL_ERROR, "INITIAL_WINDOW_SIZE overflows stream " + st.id);
          }
        }
        for (Stream st : session.streams.values()) st.sendWindow.adjust(delta);
      } else if (s.parameter() == SettingsParameter.HEADER_TABLE_SIZE) {
        // The encoder never grows its table past the size it started with.
        session.encoder.setMaxTableSize((int) Math.min(s.value(), SettingsParameter.DEFAULT_HEADER_TABLE_SIZE));
      }
      session.remote.apply(s.id(), s.value());
    }
    session.queues.urgent.add(new OutboundItem.Control(Frame.Settings.ack(), false));
    session.resumeFlowDeferred(null, everyWindowChanged);
    session.cb.onFrameReceive.onFrame(session, f);
    return null;
  }

  private void applyLocal(List<Setting> settings) {
    for (Setting s : settings) {
      if (s.parameter() == SettingsParameter.INITIAL_WINDOW_SIZE) {
        int delta = (int) (s.value() - session.local.initialWindowSize);
        for (Stream st : session.streams.values()) st.recvWindow.adjust(delta);
      } else if (s.parameter() == SettingsParameter.HEADER_TABLE_SIZE) {
        session.decoder.setMaxTableSize((int) s.value());
      }
      session.local.apply(s.id(), s.value());
    }
  }

  /** RFC 9113 §6.5.2 as {@link SettingsParameter#problem} judges it, as a connection error. */
  static ProtocolError invalidSetting(Setting s, boolean receiverIsClient) {
    SettingsParameter.Problem p = SettingsParameter.problem(s, receiverIsClient);
    return p == null ? null : ProtocolError.connection(p.code(), p.reason());
  }

  private ProtocolError onPing(Frame.Ping p) {
    if (!p.isAck()) {
      session.queues.urgent.add(new OutboundItem.Control(Frame.Ping.of(p.opaque(), true), false));
    }
    session.cb.onFrameReceive.onFrame(session, p);
    return null;
  }

  private ProtocolError onGoAway(Frame.GoAway g) {
    session.goawayReceived = true;
    session.peerGoawayLastStreamId = g.lastStreamId();
    for (Stream s : List.copyOf(session.streams.values())) {
      boolean own = (s.id % 2 == 0) == session.server;
      if (own && s.id > g.lastStreamId()) session.closeStream(s, ErrorCode.REFUSED_STREAM.code);
    }
    session.cb.onFrameReceive.onFrame(session, g);
    return null;
  }

  private ProtocolError onWindowUpdate(Frame.WindowUpdate w) {
    int id = w.streamId();
    int inc = w.increment();
    if (inc == 0) {
      // RFC 9113 §6.9: an increment of 0 is a PROTOCOL_ERROR, scoped like the frame.
      return id == 0 ? ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on the connection (§6.9)")
          : ProtocolError.stream(id, ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0 (§6.9)");
    }
    if (id == 0) {
      if (!session.connSendWindow.fits(inc)) {
        return ProtocolError.connection(ErrorCode.FLOW_CONTROL_ERROR, "connection window above 2^31-1 (§6.9.1)");
      }
      session.connSendWindow.adjust(inc);
      session.resumeFlowDeferred(null, false);
    } else {
      Stream s = session.streams.get(id);
      if (s == null) {
        return isIdle(id) ? ProtocolError.connection(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + id + " (§5.1)")
            : null;
      }
      if (!s.sendWindow.fits(inc)) {
        return ProtocolError.stream(id, ErrorCode.FLOW_CONTROL_ERROR, "stream window above 2^31-1 (§6.9.1)");
      }
      s.sendWindow.adjust(inc);
      session.resumeFlowDeferred(s, false);
    }
    session.cb.onFrameReceive.onFrame(session, w);
    return null;
  }
}
