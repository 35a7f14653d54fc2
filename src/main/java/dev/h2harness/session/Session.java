package dev.h2harness.session;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 session with nghttp2's send-path semantics, sans-IO. Submissions queue frames;
 * {@link #send()} or {@link #memSend()} writes them in nghttp2's order, reading bodies through
 * {@link DataSource}s and calling the send-data callback for NO_COPY (CONTRACT §1–2);
 * {@link #memReceive} takes the peer's bytes. Not thread-safe: one thread drives a session.
 */
public final class Session {
  /** nghttp2's NGHTTP2_DATA_PAYLOADLEN: the most a DATA read asks for. */
  public static final int DATA_PAYLOADLEN = 16384;
  /** nghttp2's NGHTTP2_MAX_PADLEN: padding adds at most 256 octets, Pad Length included. */
  public static final int MAX_PADLEN = 256;

  private enum SendState { CLIENT_MAGIC, POP_ITEM, SEND_BYTES, SEND_NO_COPY }

  final boolean server;
  final SessionCallbacks cb;
  final Map<Integer, Stream> streams = new HashMap<>();
  final PeerSettings remote = new PeerSettings();
  final PeerSettings local = new PeerSettings();
  final ArrayDeque<List<Setting>> unackedLocalSettings = new ArrayDeque<>();
  final OutboundQueues queues = new OutboundQueues();
  final HpackEncoder encoder = new HpackEncoder();
  final HpackDecoder decoder = new HpackDecoder(4096);
  final Inbound inbound;

  int connSendWindow = 65535;
  int connRecvWindow = 65535;
  int connRecvUnacked;
  int lastPeerStreamId;
  int nextOwnStreamId;
  boolean goawaySent;
  boolean goawayReceived;
  int peerGoawayLastStreamId = Integer.MAX_VALUE;
  /** A GOAWAY that ends the session is queued or sent: read nothing more. */
  boolean terminating;
  /** That GOAWAY has been written: nothing more to do. */
  boolean terminated;

  private SendState sendState;
  private final byte[] frameBuf = new byte[FrameHeader.SIZE + 1 + DATA_PAYLOADLEN + MAX_PADLEN];
  private byte[] out;
  private int outPos;
  private int outEnd;
  private OutboundItem active;
  private SentFrame activeSent;
  private boolean afterSent1Done;
  private int sendCalls;

  private Session(boolean server, SessionCallbacks callbacks) {
    this.server = server;
    this.cb = callbacks;
    this.nextOwnStreamId = server ? 2 : 1;
    this.sendState = server ? SendState.POP_ITEM : SendState.CLIENT_MAGIC;
    this.inbound = new Inbound(this);
  }

  public static Session server(SessionCallbacks callbacks) {
    return new Session(true, callbacks);
  }

  public static Session client(SessionCallbacks callbacks) {
    return new Session(false, callbacks);
  }

  // ---- submissions -------------------------------------------------------------------------

  /** Queues our SETTINGS (urgent queue); they take effect for us when the peer ACKs them. */
  public int submitSettings(Setting... settings) {
    for (Setting s : settings) {
      ProtocolError why = Inbound.invalidSetting(s, false);
      if (why != null) {
        return NgError.INVALID_ARGUMENT;
      }
    }
    queues.urgent.add(new OutboundItem.Control(Frame.Settings.of(settings), false));
    unackedLocalSettings.add(List.of(settings));
    return 0;
  }

  /** Opens a stream (client role); END_STREAM on HEADERS when {@code body} is null. */
  public int submitRequest(List<HeaderField> headers, DataSource body) {
    if (server) return NgError.PROTO;
    if (goawaySent || goawayReceived) return NgError.START_STREAM_NOT_ALLOWED;
    int id = nextOwnStreamId;
    nextOwnStreamId += 2;
    streams.put(id, new Stream(id, remote.initialWindowSize, local.initialWindowSize));
    queues.opening.add(new OutboundItem.HeaderBlock(id, List.copyOf(headers), body == null, true, body));
    return id;
  }

  /** Answers a peer's stream (server role); END_STREAM on HEADERS when {@code body} is null. */
  public int submitResponse(int streamId, List<HeaderField> headers, DataSource body) {
    Stream s = streams.get(streamId);
    if (streamId == 0 || s == null) return NgError.INVALID_ARGUMENT;
    if (s.data != null) return NgError.DATA_EXIST;
    queues.regular.add(new OutboundItem.HeaderBlock(streamId, List.copyOf(headers), body == null, false, body));
    return 0;
  }

  /** Trailers: a HEADERS frame with END_STREAM on an open stream (nghttp2_submit_trailer). */
  public int submitTrailer(int streamId, List<HeaderField> trailers) {
    if (streamId == 0 || !streams.containsKey(streamId)) return NgError.INVALID_ARGUMENT;
    queues.regular.add(new OutboundItem.HeaderBlock(streamId, List.copyOf(trailers), true, false, null));
    return 0;
  }

  /** Attaches a body to a stream whose HEADERS were sent (nghttp2_submit_data). */
  public int submitData(int streamId, boolean endStream, DataSource source) {
    Stream s = streams.get(streamId);
    if (streamId == 0 || s == null) return NgError.INVALID_ARGUMENT;
    if (s.data != null) return NgError.DATA_EXIST;
    attachData(s, new DataItem(streamId, source, endStream));
    return 0;
  }

  public int submitRstStream(int streamId, long errorCode) {
    if (streamId == 0) return NgError.INVALID_ARGUMENT;
    addRstStream(streamId, errorCode);
    return 0;
  }

  public int submitGoAway(int lastStreamId, long errorCode, byte[] debugData) {
    if (goawaySent) return NgError.GOAWAY_ALREADY_SENT;
    queues.regular.add(new OutboundItem.Control(
        new Frame.GoAway(0, 0, lastStreamId, errorCode, Bytes.of(debugData)), false));
    return 0;
  }

  public int submitPing(byte[] opaque) {
    if (opaque.length != 8) return NgError.INVALID_ARGUMENT;
    queues.urgent.add(new OutboundItem.Control(Frame.Ping.of(Bytes.of(opaque), false), false));
    return 0;
  }

  /** Opens our receive window by {@code increment} and tells the peer. */
  public int submitWindowUpdate(int streamId, int increment) {
    if (increment <= 0) return NgError.INVALID_ARGUMENT;
    if (streamId == 0) {
      connRecvWindow += increment;
    } else {
      Stream s = streams.get(streamId);
      if (s == null) return NgError.INVALID_ARGUMENT;
      s.recvWindow += increment;
    }
    queues.regular.add(new OutboundItem.Control(Frame.WindowUpdate.of(streamId, increment), false));
    return 0;
  }

  /** Lets a body that returned DEFERRED be read again (nghttp2_session_resume_data). */
  public int resumeData(int streamId) {
    Stream s = streams.get(streamId);
    if (s == null || s.data == null || !s.deferredUser) return NgError.INVALID_ARGUMENT;
    s.deferredUser = false;
    if (!s.deferredFlow) queues.schedule(streamId);
    return 0;
  }

  /** Ends the session: GOAWAY with {@code code}, then nothing more is read or written. */
  public int terminate(ErrorCode code, String reason) {
    if (terminating) return 0;
    terminating = true;
    queues.regular.add(new OutboundItem.Control(
        Frame.GoAway.of(lastPeerStreamId, code, reason == null ? "" : reason), true));
    return 0;
  }

  // ---- driving -----------------------------------------------------------------------------

  /**
   * Writes queued frames through the send callback until nothing is left, the callback or
   * send-data callback says WOULDBLOCK, or PAUSE. Returns 0 or a fatal error (nghttp2_session_send).
   */
  public int send() {
    sendCalls++;
    for (;;) {
      int n = nextBytes(false);
      if (n <= 0) {
        return n;
      }
      int sent = cb.send == null ? NgError.CALLBACK_FAILURE : cb.send.send(out, outPos, n);
      if (sent == NgError.WOULDBLOCK) {
        return 0;
      }
      if (sent < 0 || sent > n) {
        return NgError.CALLBACK_FAILURE;
      }
      outPos += sent;
    }
  }

  /**
   * The next bytes to write, empty when there is nothing now (nghttp2_session_mem_send). NO_COPY
   * frames are written by the send-data callback from inside this call, not returned.
   *
   * @throws SessionFatalException with nghttp2's code when the session cannot go on
   */
  public byte[] memSend() {
    sendCalls++;
    int n = nextBytes(true);
    if (n < 0) {
      throw new SessionFatalException(n);
    }
    if (n == 0) {
      return new byte[0];
    }
    byte[] chunk = java.util.Arrays.copyOfRange(out, outPos, outPos + n);
    outPos += n;
    if (active != null && !afterSent1Done) {
      // nghttp2_session_mem_send: the frame counts as sent once its bytes are handed out.
      int rv = afterFrameSent1();
      if (rv < 0) throw new SessionFatalException(rv);
    }
    return chunk;
  }

  /** Takes the peer's bytes; returns how many were consumed or a fatal error (nghttp2_session_mem_recv). */
  public int memReceive(byte[] data, int offset, int length) {
    return inbound.receive(data, offset, length);
  }

  public int memReceive(byte[] data) {
    return memReceive(data, 0, data.length);
  }

  public boolean wantRead() {
    return !terminating && !(goawaySent && goawayReceived && streams.isEmpty());
  }

  public boolean wantWrite() {
    if (terminated) return false;
    if (active != null || sendState == SendState.CLIENT_MAGIC) return true;
    if (!queues.urgent.isEmpty() || !queues.regular.isEmpty()) return true;
    if (!queues.opening.isEmpty() && !outgoingStreamLimitReached()) return true;
    return connSendWindow > 0 && queues.hasData();
  }

  /** How many times {@link #send()} or {@link #memSend()} has been called. */
  public int sendCallCount() {
    return sendCalls;
  }

  public boolean isServer() {
    return server;
  }

  /** RFC 9113 §5.1 state of a stream; a stream the session no longer holds is idle or closed. */
  public StreamState streamState(int streamId) {
    Stream s = streams.get(streamId);
    if (s != null) return s.state;
    boolean own = (streamId % 2 == 0) == server;
    int last = own ? nextOwnStreamId - 2 : lastPeerStreamId;
    return streamId > last ? StreamState.IDLE : StreamState.CLOSED;
  }

  /** The stream's send window, or {@link Integer#MIN_VALUE} when the stream is gone. */
  public int streamSendWindow(int streamId) {
    Stream s = streams.get(streamId);
    return s == null ? Integer.MIN_VALUE : s.sendWindow;
  }

  public int connectionSendWindow() {
    return connSendWindow;
  }

  public int remoteMaxFrameSize() {
    return remote.maxFrameSize;
  }

  public int remoteInitialWindowSize() {
    return remote.initialWindowSize;
  }

  // ---- the send machine (nghttp2_session_mem_send_internal) ------------------------------------

  /** Bytes ready in {@code out} from {@code outPos}: a count, 0 for none now, or a fatal error. */
  private int nextBytes(boolean fast) {
    for (;;) {
      switch (sendState) {
        case CLIENT_MAGIC -> {
          if (out == null) {
            out = FrameReader.CLIENT_PREFACE.toArray();
            outPos = 0;
            outEnd = out.length;
          }
          if (outPos < outEnd) return outEnd - outPos;
          out = null;
          sendState = SendState.POP_ITEM;
        }
        case POP_ITEM -> {
          if (terminated) return 0;
          OutboundItem item = popNext();
          if (item == null) return 0;
          int rv = prepare(item);
          if (rv == NgError.PAUSE) return 0;
          if (rv == NgError.DEFERRED) continue;
          if (rv < 0) {
            if (NgError.isFatal(rv)) return rv;
            frameNotSent(item, rv);
            continue;
          }
          active = item;
          afterSent1Done = false;
          sendState = item instanceof OutboundItem.Data d && d.item().noCopy
              ? SendState.SEND_NO_COPY : SendState.SEND_BYTES;
        }
        case SEND_BYTES -> {
          if (outPos < outEnd) return outEnd - outPos;
          if (!fast || !afterSent1Done) {
            int rv = afterFrameSent1();
            if (rv < 0) return rv;
          }
          afterFrameSent2();
        }
        case SEND_NO_COPY -> {
          int rv = sendNoCopy();
          if (rv != 0) return rv == NgError.WOULDBLOCK || rv == NgError.PAUSE ? 0 : rv;
        }
      }
    }
  }

  private OutboundItem popNext() {
    if (!queues.urgent.isEmpty()) return queues.urgent.poll();
    if (!queues.regular.isEmpty()) return queues.regular.poll();
    if (!queues.opening.isEmpty() && !outgoingStreamLimitReached()) return queues.opening.poll();
    if (connSendWindow > 0) {
      Integer id = queues.nextDataStream();
      if (id != null) return new OutboundItem.Data(streams.get(id).data);
    }
    return null;
  }

  private boolean outgoingStreamLimitReached() {
    long open = streams.values().stream()
        .filter(s -> (s.id % 2 == 0) == server && s.state != StreamState.IDLE && !s.isClosed())
        .count();
    return open >= remote.maxConcurrentStreams;
  }

  /** Serialises {@code item} into {@code out} (nghttp2's session_prep_frame). */
  private int prepare(OutboundItem item) {
    if (item instanceof OutboundItem.Data d) {
      return prepareData(d.item());
    }
    if (item instanceof OutboundItem.HeaderBlock h) {
      return prepareHeaders(h);
    }
    Frame f = ((OutboundItem.Control) item).frame();
    if (f instanceof Frame.WindowUpdate && f.streamId() != 0) {
      Stream s = streams.get(f.streamId());
      if (s == null || s.isClosed()) return NgError.STREAM_CLOSED;
    }
    if (f instanceof Frame.GoAway && goawaySent) return NgError.GOAWAY_ALREADY_SENT;
    setOut(FrameWriter.writeLenient(f));
    activeSent = new SentFrame(FrameWriter.header(f), 0, f);
    return 0;
  }

  private int prepareHeaders(OutboundItem.HeaderBlock h) {
    Stream s = streams.get(h.streamId());
    if (h.opensStream()) {
      if (goawayReceived || goawaySent || s == null) return NgError.START_STREAM_NOT_ALLOWED;
      s.state = s.state.after(StreamState.Event.SEND_HEADERS);
    } else if (s == null || s.isClosed() || s.closing) {
      return NgError.STREAM_CLOSED;
    }
    byte[] block = encoder.encode(h.fields());
    int flags = h.endStream() ? Flags.END_STREAM : 0;
    int maxPayload = Math.min(DATA_PAYLOADLEN, remote.maxFrameSize);
    int firstLen = Math.min(block.length, maxPayload);
    int padlen = 0;
    if (block.length <= maxPayload) {
      // nghttp2's session_headers_add_pad: padding goes into the first frame.
      int padded = selectPadding(FrameType.HEADERS.code, h.streamId(), firstLen,
          Math.min(DATA_PAYLOADLEN, firstLen + MAX_PADLEN));
      if (padded < 0) return padded;
      padlen = padded - firstLen;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(block.length + 32);
    int firstFlags = flags | (block.length == firstLen ? Flags.END_HEADERS : 0) | (padlen > 0 ? Flags.PADDED : 0);
    FrameHeader first = new FrameHeader(firstLen + padlen, FrameType.HEADERS.code, firstFlags, h.streamId());
    buf.writeBytes(first.toBytes());
    if (padlen > 0) buf.write(padlen - 1);
    buf.write(block, 0, firstLen);
    if (padlen > 1) buf.writeBytes(new byte[padlen - 1]);
    for (int at = firstLen; at < block.length; at += maxPayload) {
      int len = Math.min(maxPayload, block.length - at);
      int cflags = at + len == block.length ? Flags.END_HEADERS : 0;
      buf.writeBytes(new FrameHeader(len, FrameType.CONTINUATION.code, cflags, h.streamId()).toBytes());
      buf.write(block, at, len);
    }
    setOut(buf.toByteArray());
    Frame.Headers typed = new Frame.Headers(firstFlags, h.streamId(), null,
        Bytes.copyOf(block, 0, firstLen), padlen > 0 ? dev.h2harness.frame.Padding.ofPadlen(padlen) : null);
    activeSent = new SentFrame(first, padlen, typed);
    return 0;
  }

  /** nghttp2_session_pack_data: read, choose padding, lay out the header (CONTRACT §1). */
  private int prepareData(DataItem item) {
    Stream s = streams.get(item.streamId);
    int rv = predicateDataSend(s);
    if (rv != 0) {
      if (s != null) detachData(s);
      return rv;
    }
    // CONTRACT §1.2: min(16384, stream window, connection window, peer's MAX_FRAME_SIZE).
    int maxLength = Math.min(Math.min(DATA_PAYLOADLEN, s.sendWindow), Math.min(connSendWindow, remote.maxFrameSize));
    if (maxLength <= 0) {
      s.deferredFlow = true;
      queues.unschedule(s.id);
      return NgError.DEFERRED;
    }
    DataFlags flags = new DataFlags();
    int dataAt = FrameHeader.SIZE + 1;
    int length = item.source.read(this, s.id, frameBuf, dataAt, maxLength, flags);
    if (length == NgError.DEFERRED) {
      s.deferredUser = true;
      queues.unschedule(s.id);
      return NgError.DEFERRED;
    }
    if (length == NgError.TEMPORAL_CALLBACK_FAILURE) {
      detachData(s);
      addRstStream(s.id, ErrorCode.INTERNAL_ERROR.code);
      return NgError.TEMPORAL_CALLBACK_FAILURE;
    }
    if (length == NgError.PAUSE) {
      return NgError.PAUSE;
    }
    if (length < 0 || length > maxLength) {
      detachData(s);
      return NgError.CALLBACK_FAILURE;
    }
    int frameFlags = 0;
    if (flags.has(DataFlags.EOF)) {
      item.eof = true;
      if (item.endStream && !flags.has(DataFlags.NO_END_STREAM)) {
        frameFlags |= Flags.END_STREAM;
      }
    }
    if (flags.has(DataFlags.NO_COPY)) {
      if (cb.sendData == null) {
        detachData(s);
        return NgError.CALLBACK_FAILURE;
      }
      item.noCopy = true;
    } else {
      item.noCopy = false;
    }
    // CONTRACT §1.3: padded payload at most min(maxLength, length + 256).
    int padded = selectPadding(FrameType.DATA.code, s.id, length, Math.min(maxLength, length + MAX_PADLEN));
    if (padded < 0) {
      detachData(s);
      return padded;
    }
    int padlen = padded - length;
    if (padlen > 0) frameFlags |= Flags.PADDED;
    FrameHeader hd = new FrameHeader(length + padlen, FrameType.DATA.code, frameFlags, s.id);
    item.frame = new DataFrameInfo(hd, padlen);
    // CONTRACT §1.6: an empty EOF frame without END_STREAM is not sent (nghttp2: CANCEL). nghttp2
    // tests the frame length after adding padding, so a padded empty frame is sent.
    if (length + padlen == 0 && flags.has(DataFlags.EOF) && flags.has(DataFlags.NO_END_STREAM)) {
      detachData(s);
      return NgError.CANCEL;
    }
    if (!item.noCopy) {
      // Header and Pad Length octet sit before the data read at dataAt; padding after it.
      int start = padlen > 0 ? 0 : 1;
      hd.writeTo(frameBuf, start);
      if (padlen > 0) {
        frameBuf[FrameHeader.SIZE] = (byte) (padlen - 1);
        java.util.Arrays.fill(frameBuf, dataAt + length, dataAt + length + padlen - 1, (byte) 0);
      }
      out = frameBuf;
      outPos = start;
      outEnd = dataAt + length + Math.max(0, padlen - 1);
    }
    activeSent = new SentFrame(hd, padlen, null);
    return 0;
  }

  private int predicateDataSend(Stream s) {
    if (s == null || s.isClosed()) return NgError.STREAM_CLOSED;
    if (s.closing) return NgError.STREAM_CLOSING;
    boolean own = (s.id % 2 == 0) == server;
    if (own) return s.state == StreamState.RESERVED_LOCAL ? NgError.INVALID_STREAM_STATE : 0;
    // A response body follows the response HEADERS (nghttp2: stream state OPENED).
    if (!s.headersSent) return NgError.INVALID_STREAM_STATE;
    if (s.state != StreamState.OPEN && s.state != StreamState.HALF_CLOSED_REMOTE) {
      return NgError.STREAM_SHUT_WR;
    }
    return 0;
  }

  private int selectPadding(int type, int streamId, int length, int maxPayload) {
    if (length >= maxPayload || cb.selectPadding == null) {
      return length;
    }
    int v = cb.selectPadding.selectPadding(this, type, streamId, length, maxPayload);
    // CONTRACT §1.3: anything outside length..maxPaddedLength is a fatal CALLBACK_FAILURE.
    return v < length || v > maxPayload ? NgError.CALLBACK_FAILURE : v;
  }

  /** The NO_COPY state: hand the frame to the send-data callback (CONTRACT §2). */
  private int sendNoCopy() {
    DataItem item = ((OutboundItem.Data) active).item();
    Stream s = streams.get(item.streamId);
    if (s == null || s.isClosed()) {
      // CONTRACT §2: the stream closed while the frame waited; it is dropped, not retried.
      resetActive();
      return 0;
    }
    DataFrameInfo f = item.frame;
    int rv = cb.sendData.sendData(this, f, f.header().toBytes(), f.dataLength(), item.source);
    switch (rv) {
      case 0, NgError.WOULDBLOCK, NgError.PAUSE, NgError.TEMPORAL_CALLBACK_FAILURE -> { }
      default -> {
        return NgError.CALLBACK_FAILURE;
      }
    }
    if (rv == NgError.TEMPORAL_CALLBACK_FAILURE) {
      detachData(s);
      addRstStream(s.id, ErrorCode.INTERNAL_ERROR.code);
      resetActive();
      return 0;
    }
    if (rv == NgError.WOULDBLOCK) {
      return NgError.WOULDBLOCK;
    }
    int after = afterFrameSent1();
    if (after < 0) return after;
    afterFrameSent2();
    return rv == NgError.PAUSE ? NgError.PAUSE : 0;
  }

  /** The frame is on its way: charge windows, move stream states, tell the application. */
  private int afterFrameSent1() {
    afterSent1Done = true;
    OutboundItem item = active;
    SentFrame sent = activeSent;
    if (item instanceof OutboundItem.Data d) {
      DataItem data = d.item();
      Stream s = streams.get(data.streamId);
      // CONTRACT §1.5: windows are charged with the whole payload, padding included, once sent.
      connSendWindow -= sent.header().length();
      if (s != null) s.sendWindow -= sent.header().length();
      if (s != null && data.eof) {
        detachData(s);
        frameSent(sent);
        if (Flags.has(sent.header().flags(), Flags.END_STREAM)) {
          transition(s, StreamState.Event.SEND_END_STREAM);
        }
        return 0;
      }
      frameSent(sent);
      return 0;
    }
    if (item instanceof OutboundItem.HeaderBlock h) {
      Stream s = streams.get(h.streamId());
      frameSent(sent);
      if (s != null) {
        s.headersSent = true;
        if (h.endStream()) {
          transition(s, StreamState.Event.SEND_END_STREAM);
        } else if (h.body() != null && !s.isClosed()) {
          attachData(s, new DataItem(s.id, h.body(), true));
        }
      }
      return 0;
    }
    OutboundItem.Control c = (OutboundItem.Control) item;
    Frame f = c.frame();
    frameSent(sent);
    if (f instanceof Frame.RstStream r) {
      Stream s = streams.get(r.streamId());
      if (s != null) closeStream(s, r.errorCode());
    } else if (f instanceof Frame.GoAway) {
      goawaySent = true;
      if (c.terminate()) terminated = true;
    }
    return 0;
  }

  private void afterFrameSent2() {
    if (active instanceof OutboundItem.Data d && !d.item().eof) {
      Stream s = streams.get(d.item().streamId);
      if (s != null && predicateDataSend(s) != 0) detachData(s);
    }
    resetActive();
  }

  private void resetActive() {
    active = null;
    activeSent = null;
    out = null;
    outPos = 0;
    outEnd = 0;
    sendState = SendState.POP_ITEM;
  }

  private void setOut(byte[] bytes) {
    out = bytes;
    outPos = 0;
    outEnd = bytes.length;
  }

  private void frameSent(SentFrame sent) {
    if (cb.onFrameSend != null) cb.onFrameSend.onFrameSend(this, sent);
  }

  private void frameNotSent(OutboundItem item, int error) {
    if (item instanceof OutboundItem.Data) {
      return;
    }
    int type = item instanceof OutboundItem.HeaderBlock ? FrameType.HEADERS.code
        : ((OutboundItem.Control) item).frame().typeCode();
    if (cb.onFrameNotSend != null && type != FrameType.WINDOW_UPDATE.code) {
      cb.onFrameNotSend.onFrameNotSend(this, type, item.streamId(), error);
    }
    if (item instanceof OutboundItem.HeaderBlock h && h.opensStream()) {
      Stream s = streams.get(h.streamId());
      if (s != null) closeStream(s, ErrorCode.REFUSED_STREAM.code);
    }
  }

  // ---- stream bookkeeping shared with Inbound ---------------------------------------------

  void attachData(Stream s, DataItem item) {
    s.data = item;
    s.deferredUser = false;
    s.deferredFlow = false;
    queues.schedule(s.id);
  }

  void detachData(Stream s) {
    s.data = null;
    s.deferredFlow = false;
    s.deferredUser = false;
    queues.unschedule(s.id);
  }

  /** Queues RST_STREAM; the stream sends nothing more (nghttp2_session_add_rst_stream). */
  void addRstStream(int streamId, long errorCode) {
    Stream s = streams.get(streamId);
    if (s != null) {
      if (s.closing) return;
      s.closing = true;
    }
    queues.regular.add(new OutboundItem.Control(new Frame.RstStream(0, streamId, errorCode), false));
  }

  void transition(Stream s, StreamState.Event event) {
    StreamState next = s.state.after(event);
    s.state = next == null ? StreamState.CLOSED : next;
    if (s.state == StreamState.CLOSED) closeStream(s, ErrorCode.NO_ERROR.code);
  }

  void closeStream(Stream s, long errorCode) {
    if (streams.remove(s.id) == null) return;
    s.state = StreamState.CLOSED;
    detachData(s);
    if (cb.onStreamClose != null) cb.onStreamClose.onStreamClose(this, s.id, errorCode);
  }

  /** A stream whose flow-control deferral may end after a window grew. */
  void resumeFlowDeferred() {
    for (Stream s : streams.values()) {
      if (s.deferredFlow && s.sendWindow > 0 && s.data != null) {
        s.deferredFlow = false;
        if (!s.deferredUser) queues.schedule(s.id);
      }
    }
  }
}
