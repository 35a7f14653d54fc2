package dev.h2harness.session;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.stream.Role;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;
import dev.h2harness.stream.Transition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 session with nghttp2's send-path semantics, sans-IO. Submissions queue frames;
 * {@link #send()} or {@link #memSend()} writes them in nghttp2's order, reading bodies through
 * {@link DataSource}s and calling the send-data callback for NO_COPY (contract §1–2);
 * {@link #memReceive} takes the peer's bytes. Not thread-safe: one thread drives a session.
 */
public final class Session {
  /** nghttp2's NGHTTP2_DATA_PAYLOADLEN: the most a DATA read asks for. */
  public static final int DATA_PAYLOADLEN = 16384;
  /** nghttp2's NGHTTP2_MAX_PADLEN: padding adds at most 256 octets, Pad Length included. */
  public static final int MAX_PADLEN = 256;

  final boolean server;
  final Role role;
  final SessionCallbacks cb;
  final Map<Integer, Stream> streams = new HashMap<>();
  /** The streams whose DATA waits for a window, so a window change need not scan {@link #streams}. */
  final FlowDeferredStreams flowDeferred = new FlowDeferredStreams();
  final PeerSettings remote = new PeerSettings();
  final PeerSettings local = new PeerSettings();
  final ArrayDeque<List<Setting>> unackedLocalSettings = new ArrayDeque<>();
  final OutboundQueues queues = new OutboundQueues();
  final HpackEncoder encoder = new HpackEncoder();
  final HpackDecoder decoder = new HpackDecoder(SettingsParameter.DEFAULT_HEADER_TABLE_SIZE);
  final Inbound inbound;

  final FlowWindow connSendWindow = new FlowWindow(SettingsParameter.DEFAULT_WINDOW);
  final ReceiveWindow connRecvWindow = ReceiveWindow.initial();
  int lastPeerStreamId;
  int nextOwnStreamId;
  boolean goawaySent;
  boolean goawayReceived;
  int peerGoawayLastStreamId = Integer.MAX_VALUE;
  /** A GOAWAY that ends the session is queued or sent: read nothing more. */
  boolean terminating;
  /** That GOAWAY has been written: nothing more to do. */
  boolean terminated;

  /** Peer-opened streams counted against our SETTINGS_MAX_CONCURRENT_STREAMS: O(1), not a scan. */
  int activePeerStreams;
  /** The smallest SETTINGS_MAX_CONCURRENT_STREAMS we announced, enforced before the peer's ACK. */
  long announcedMaxConcurrentStreams = Long.MAX_VALUE;
  /** Header-list octets (RFC 7541 §4.1 sizes) of the active peer streams' requests. */
  long heldHeaderOctets;
  long maxHeldHeaderOctets = Long.MAX_VALUE;
  /** Streams opened by the peer and DATA frames with payload, either way: what an idle timer counts as work. */
  long progress;
  /** The peer's RST_STREAM frames; null: no limit. */
  TokenBucket resetLimit;
  /** Stream errors the peer's frames cause (our RST_STREAM); null: no limit. */
  TokenBucket streamErrorLimit;

  private final Outbound outbound;
  private int sendCalls;

  private Session(boolean server, SessionCallbacks callbacks) {
    this.server = server;
    this.role = Role.of(server);
    this.cb = callbacks;
    this.nextOwnStreamId = server ? 2 : 1;
    this.inbound = new Inbound(this);
    this.outbound = new Outbound(this);
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
    for (Setting s : settings) {
      if (s.parameter() == dev.h2harness.frame.SettingsParameter.MAX_CONCURRENT_STREAMS) {
        announcedMaxConcurrentStreams = Math.min(announcedMaxConcurrentStreams, s.value());
      } else if (s.parameter() == dev.h2harness.frame.SettingsParameter.MAX_HEADER_LIST_SIZE) {
        // RFC 9113 §10.5.1: a larger field block is refused, yet still decoded to keep HPACK in step.
        decoder.setMaxHeaderListSize((int) Math.min(Integer.MAX_VALUE, s.value()));
      }
    }
    queues.urgent.add(new OutboundItem.Control(Frame.Settings.of(settings), false));
    unackedLocalSettings.add(List.of(settings));
    return 0;
  }

  /**
   * Limits the peer's RST_STREAM frames; past the limit the session ends with
   * GOAWAY(ENHANCE_YOUR_CALM) (rapid reset, CVE-2023-44487).
   */
  public void limitResets(TokenBucket bucket) {
    this.resetLimit = bucket;
  }

  /**
   * Limits the stream errors the peer's frames cause; past the limit the session ends with
   * GOAWAY(ENHANCE_YOUR_CALM) (MadeYouReset, CVE-2025-8671; reset flood, CVE-2019-9514).
   */
  public void limitStreamErrors(TokenBucket bucket) {
    this.streamErrorLimit = bucket;
  }

  /**
   * Lets {@code guard} see each of the peer's frame headers before the session handles the frame;
   * a refusal ends the session with GOAWAY(ENHANCE_YOUR_CALM) and nothing after that header is read.
   */
  public void guardFrameHeaders(FrameHeaderGuard guard) {
    inbound.guard(guard);
  }

  /** Refuses a new peer stream whose request fields would bring the held total above {@code octets}. */
  public void limitHeldHeaderOctets(long octets) {
    this.maxHeldHeaderOctets = octets;
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
      connRecvWindow.adjust(increment);
    } else {
      Stream s = streams.get(streamId);
      if (s == null) return NgError.INVALID_ARGUMENT;
      s.recvWindow.adjust(increment);
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
      int n = outbound.nextBytes(false);
      if (n <= 0) {
        return n;
      }
      int sent = cb.send.send(outbound.buffer(), outbound.position(), n);
      if (sent == NgError.WOULDBLOCK) {
        return 0;
      }
      if (sent < 0 || sent > n) {
        return NgError.CALLBACK_FAILURE;
      }
      outbound.consumed(sent);
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
    int n = outbound.nextBytes(true);
    if (n < 0) {
      throw new SessionFatalException(n);
    }
    if (n == 0) {
      return new byte[0];
    }
    byte[] chunk = java.util.Arrays.copyOfRange(outbound.buffer(), outbound.position(), outbound.position() + n);
    outbound.consumed(n);
    int rv = outbound.afterHandedOut();
    if (rv < 0) throw new SessionFatalException(rv);
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
    if (outbound.busy()) return true;
    if (!queues.urgent.isEmpty() || !queues.regular.isEmpty()) return true;
    if (!queues.opening.isEmpty() && !outbound.outgoingStreamLimitReached()) return true;
    return connSendWindow.size() > 0 && queues.hasData();
  }

  /** How many times {@link #send()} or {@link #memSend()} has been called. */
  public int sendCallCount() {
    return sendCalls;
  }

  public boolean isServer() {
    return server;
  }

  /** Streams the peer opened that are neither closed nor being reset. */
  public int activePeerStreams() {
    return activePeerStreams;
  }

  /** Grows with each stream the peer opens and each non-empty DATA frame in either direction. */
  public long progress() {
    return progress;
  }

  /** True once the peer acknowledged every SETTINGS frame we sent. */
  public boolean localSettingsAcked() {
    return unackedLocalSettings.isEmpty();
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
    return s == null ? Integer.MIN_VALUE : s.sendWindow.size();
  }

  public int connectionSendWindow() {
    return connSendWindow.size();
  }

  public int remoteMaxFrameSize() {
    return remote.maxFrameSize;
  }

  public int remoteInitialWindowSize() {
    return remote.initialWindowSize;
  }

  // ---- stream bookkeeping shared with Inbound ---------------------------------------------

  void attachData(Stream s, DataItem item) {
    s.data = item;
    s.deferredUser = false;
    endFlowDeferral(s);
    queues.schedule(s.id);
  }

  void detachData(Stream s) {
    s.data = null;
    endFlowDeferral(s);
    s.deferredUser = false;
    queues.unschedule(s.id);
  }

  private void endFlowDeferral(Stream s) {
    if (s.deferredFlow) {
      s.deferredFlow = false;
      flowDeferred.remove(s);
    }
  }

  /** Queues RST_STREAM; the stream sends nothing more (nghttp2_session_add_rst_stream). */
  void addRstStream(int streamId, long errorCode) {
    Stream s = streams.get(streamId);
    if (s != null) {
      if (s.closing) return;
      s.closing = true;
      uncount(s);
    }
    queues.regular.add(new OutboundItem.Control(new Frame.RstStream(0, streamId, errorCode), false));
  }

  /**
   * Moves a stream by the §5.1 table for an END_STREAM sent or received; it is closed when the table
   * says so or refuses the input (the frame ends the stream either way).
   */
  void transition(Stream s, StreamInput endStream) {
    s.state = StreamTransitions.next(s.state, endStream, role) instanceof Transition.Next n ? n.state() : StreamState.CLOSED;
    if (s.state == StreamState.CLOSED) closeStream(s, ErrorCode.NO_ERROR.code);
  }

  /** Moves a stream by the §5.1 table for a HEADERS that opens it (the caller checked it may). */
  void apply(Stream s, StreamInput opening) {
    if (StreamTransitions.next(s.state, opening, role) instanceof Transition.Next n) {
      s.state = n.state();
    }
  }

  void closeStream(Stream s, long errorCode) {
    if (streams.remove(s.id) == null) return;
    uncount(s);
    s.state = StreamState.CLOSED;
    detachData(s);
    cb.onStreamClose.onStreamClose(this, s.id, errorCode);
  }

  /** Counts a new peer stream as active, holding {@code headerOctets} of request fields. */
  void count(Stream s, long headerOctets) {
    s.counted = true;
    s.headerOctets = headerOctets;
    activePeerStreams++;
    heldHeaderOctets += headerOctets;
  }

  private void uncount(Stream s) {
    if (s.counted) {
      s.counted = false;
      activePeerStreams--;
      heldHeaderOctets -= s.headerOctets;
    }
  }

  /** Spends one peer reset from its limit; false when the peer is over it. */
  boolean allowReset() {
    return resetLimit == null || resetLimit.take();
  }

  /** Spends one stream error from its limit; false when the peer is over it. */
  boolean allowStreamError() {
    return streamErrorLimit == null || streamErrorLimit.take();
  }

  /** Stream {@code s}'s DATA waits for flow-control credit. */
  void deferOnFlow(Stream s) {
    s.deferredFlow = true;
    flowDeferred.add(s);
    queues.unschedule(s.id);
  }

  /**
   * Ends the flow-control deferral of every deferred stream whose own window is open, after a
   * window grew: {@code grown}'s, or the connection's (null); every stream's when
   * {@code allStreams} (SETTINGS_INITIAL_WINDOW_SIZE).
   */
  void resumeFlowDeferred(Stream grown, boolean allStreams) {
    if (allStreams) {
      flowDeferred.allWindowsChanged();
    } else if (grown != null && grown.deferredFlow) {
      flowDeferred.windowGrew(grown);
    }
    for (Stream s : flowDeferred.takeOwnWindowOpen()) {
      s.deferredFlow = false;
      if (!s.deferredUser) queues.schedule(s.id);
    }
  }
}
