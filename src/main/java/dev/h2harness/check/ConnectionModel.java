package dev.h2harness.check;

import static dev.h2harness.stream.StreamInput.*;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.stream.Role;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.hpack.HpackException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One captured HTTP/2 connection, fed the bytes of both directions in capture order, and the rules
 * that judge what the target sent. It keeps each side's SETTINGS, the stream states (RFC 9113
 * §5.1), the target's send windows (§6.9), both HPACK contexts and what each stream carried, but
 * never a DATA payload: memory does not grow with the size of a body.
 */
public final class ConnectionModel implements ModelState {
  /** DATA frame summaries kept per stream; later frames are only counted. */
  public static final int MAX_DATA_SUMMARIES = 10_000;
  /** RFC 9113 §6.9.2: the connection window starts at 65,535 and SETTINGS do not change it. */
  private static final int INITIAL_CONNECTION_WINDOW = SettingsParameter.DEFAULT_WINDOW;

  private final boolean targetIsServer;
  private final List<Rule> rules;
  private final Consumer<FrameLogLine> frameLog;
  private final BodyExpectations bodies;
  private Consumer<ReadEvent> targetListener;
  private final FindingSink sink = new FindingSink();
  private final FrameReader peerReader;
  private final FrameReader targetReader;
  private final SettingsLedger peerSettings = new SettingsLedger();
  private final SettingsLedger targetSettings = new SettingsLedger();
  private final HpackDecoder targetDecoder = new HpackDecoder(4096);
  private final HpackDecoder peerDecoder = new HpackDecoder(4096);
  private final HeaderBlockBuffer targetBlock = new HeaderBlockBuffer();
  private final HeaderBlockBuffer peerBlock = new HeaderBlockBuffer();
  private final Map<Integer, StreamRecord> streams = new HashMap<>();
  private StreamRecord lastStream;
  private long connectionCredit;
  private boolean targetHpackBroken;
  private boolean peerHpackBroken;
  private GoAwayInfo targetGoAway;
  private GoAwayInfo peerGoAway;
  private boolean targetClosed;
  private int peerSettingsFrames;
  private int targetSettingsAcks;
  private long targetHeaderBlockOffset;
  private int targetHeaderBlockIndex;
  private ConnectionError connectionError;
  private long peerConnectionCredit;

  /** A model with the standard rules and no frame log. */
  public ConnectionModel(boolean targetIsServer) {
    this(targetIsServer, Rules.standard(), null);
  }

  /** A model whose requests ask for no particular body. */
  public ConnectionModel(boolean targetIsServer, List<Rule> rules, Consumer<FrameLogLine> frameLog) {
    this(targetIsServer, rules, frameLog, BodyExpectations.NONE);
  }

  /**
   * @param targetIsServer true when the target is the server (the peer's bytes start with the
   *     client preface), false when it is the client
   * @param frameLog receives a line per frame of either direction, or null
   * @param bodies what body each request asks for, said by whoever knows the requests' meaning
   */
  public ConnectionModel(boolean targetIsServer, List<Rule> rules, Consumer<FrameLogLine> frameLog,
      BodyExpectations bodies) {
    this.targetIsServer = targetIsServer;
    this.rules = List.copyOf(rules);
    this.frameLog = frameLog;
    this.bodies = bodies;
    this.peerReader = new FrameReader(targetIsServer, FrameWriter.MAX_LENGTH, this::onPeer);
    this.targetReader = new FrameReader(!targetIsServer, FrameReader.DEFAULT_MAX_FRAME_SIZE, this::onTarget);
  }

  /**
   * Hands each event of the target's byte stream to {@code listener} once the model has applied it,
   * so that whoever plays the peer reacts to the frames without parsing the bytes again.
   */
  public void onTargetEvent(Consumer<ReadEvent> listener) {
    this.targetListener = listener;
  }

  /** Bytes the harness's peer sent to the target, in capture order with {@link #fromTarget}. */
  public void fromPeer(byte[] b, int off, int len) {
    peerReader.feed(b, off, len);
  }

  /** Bytes the target sent, in capture order with {@link #fromPeer}. */
  public void fromTarget(byte[] b, int off, int len) {
    targetReader.feed(b, off, len);
  }

  /** The target closed the connection: a frame it left unfinished is truncated. */
  public void targetClosed() {
    targetClosed = true;
    targetReader.finish();
  }

  /** The capture has ended in both directions. */
  public void finish() {
    targetReader.finish();
    peerReader.finish();
  }

  /** Findings in the order their bytes were seen. */
  public List<Finding> findings() {
    return sink.findings();
  }

  /** Findings left out because they repeated one already reported for the stream. */
  public long suppressedFindings() {
    return sink.suppressed();
  }

  /** Every stream a frame named, by id. */
  public List<StreamView> streams() {
    List<StreamView> all = new ArrayList<>(streams.values());
    all.sort(Comparator.comparingInt(StreamView::id));
    return all;
  }

  public Optional<GoAwayInfo> goAwayFromTarget() {
    return Optional.ofNullable(targetGoAway);
  }

  public Optional<GoAwayInfo> goAwayFromPeer() {
    return Optional.ofNullable(peerGoAway);
  }

  /** True once {@link #targetClosed()} was called. */
  public boolean connectionClosed() {
    return targetClosed;
  }

  /**
   * The value the peer most recently announced for a SETTINGS parameter (RFC 9113 §6.5.2), the
   * initial value if it announced none, or -1 for an identifier above 15 (not tracked).
   */
  public long peerSetting(int id) {
    return peerSettings.latest(id);
  }

  /** The value the target most recently announced for a SETTINGS parameter, as {@link #peerSetting}. */
  public long targetSetting(SettingsParameter parameter) {
    return targetSettings.latest(parameter.id);
  }

  /** SETTINGS frames (not ACKs) the peer sent, and SETTINGS ACKs the target sent (RFC 9113 §6.5.3). */
  public int peerSettingsSent() {
    return peerSettingsFrames;
  }

  public int targetSettingsAcks() {
    return targetSettingsAcks;
  }

  /** Octets of the target's byte stream consumed so far. */
  public long targetOffset() {
    return targetReader.offset();
  }

  /** Octets of the peer's byte stream consumed so far. */
  public long peerOffset() {
    return peerReader.offset();
  }

  @Override public boolean targetIsServer() {
    return targetIsServer;
  }

  @Override public StreamView stream(int id) {
    return find(id);
  }

  @Override public int maxFrameSize() {
    return targetReader.maxFrameSize();
  }

  @Override public long connectionWindow() {
    return INITIAL_CONNECTION_WINDOW + connectionCredit;
  }

  @Override public long streamWindow(int id) {
    StreamRecord s = find(id);
    return peerSettings.lenientMax(SettingsParameter.INITIAL_WINDOW_SIZE) + (s == null ? 0 : s.windowCredit);
  }

  @Override public long lenientPeerSetting(SettingsParameter parameter) {
    return peerSettings.lenientMax(parameter);
  }

  @Override public long peerConnectionWindow() {
    return INITIAL_CONNECTION_WINDOW + peerConnectionCredit;
  }

  @Override public long headerListLimit() {
    return Math.min(HeaderBlockBuffer.MAX_BLOCK, peerSettings.latest(SettingsParameter.MAX_HEADER_LIST_SIZE.id));
  }

  /**
   * The first finding that is a connection error (RFC 9113 §5.4.1, {@link Rules#connectionErrorCode}):
   * the model judges nothing after it, and whoever plays the peer should send GOAWAY and close.
   */
  public Optional<ConnectionError> connectionError() {
    return Optional.ofNullable(connectionError);
  }

  @Override public int openHeaderBlockStream() {
    return targetBlock.isOpen() ? targetBlock.stream() : -1;
  }

  private StreamRecord find(int id) {
    StreamRecord s = lastStream;
    if (s != null && s.id == id) {
      return s;
    }
    s = streams.get(id);
    if (s != null) {
      lastStream = s;
    }
    return s;
  }

  private StreamRecord record(int id) {
    StreamRecord s = find(id);
    if (s == null) {
      s = new StreamRecord(id, Role.of(targetIsServer));
      streams.put(id, s);
      lastStream = s;
    }
    return s;
  }

  private void judge(CheckEvent event) {
    int before = sink.count();
    for (Rule r : rules) {
      r.check(this, event, sink);
      if (sink.count() > before && connectionError == null) {
        for (Finding f : sink.since(before)) {
          long code = Rules.connectionErrorCode(f.rule());
          if (code >= 0) {
            connectionError = new ConnectionError(f, code);
            return;
          }
        }
      }
    }
  }

  private void onTarget(ReadEvent e) {
    if (connectionError != null) {
      return;
    }
    if (frameLog != null) {
      frameLog.accept(FrameLogLine.of(Direction.FROM_TARGET, e));
    }
    judge(new CheckEvent.Read(e));
    if (connectionError != null) {
      return;
    }
    if (e instanceof ReadEvent.FrameRead r) {
      applyTarget(r, r.frame());
    }
    if (targetListener != null) {
      targetListener.accept(e);
    }
  }

  private void applyTarget(ReadEvent.FrameRead r, Frame f) {
    int id = f.streamId();
    if (f instanceof Frame.Data d) {
      int length = d.flowControlledLength();
      // RFC 9113 §6.9.1: the whole payload, padding included, counts against both windows.
      connectionCredit -= length;
      if (id == 0) {
        return;
      }
      StreamRecord s = record(id);
      s.windowCredit -= length;
      s.bodyBytes += d.data().length();
      s.addDataFrame(new DataFrameSummary(r.offset(), d.flags(), length, d.padlen()));
      s.apply(SEND_DATA);
      if (d.hasFlag(Flags.END_STREAM)) {
        s.apply(SEND_END_STREAM);
        s.endStreamSeen = true;
        judge(new CheckEvent.StreamEnded(id, r.offset(), r.index()));
      }
    } else if (f instanceof Frame.Headers h) {
      boolean end = h.hasFlag(Flags.END_STREAM);
      if (id != 0) {
        StreamRecord s = record(id);
        s.apply(SEND_HEADERS);
        s.targetHeadersSeen = true;
        if (end) {
          s.apply(SEND_END_STREAM);
          s.endStreamSeen = true;
        }
      }
      targetHeaderBlockOffset = r.offset();
      targetHeaderBlockIndex = r.index();
      targetBlock.start(id, 0, end);
      long at = r.offset() + FrameHeader.SIZE + (h.padding() != null ? 1 : 0) + (h.priority() != null ? 5 : 0);
      appendTarget(r, h.fragment(), at, h.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.Continuation c) {
      if (targetBlock.isOpen() && targetBlock.stream() == id) {
        appendTarget(r, c.fragment(), r.offset() + FrameHeader.SIZE, c.hasFlag(Flags.END_HEADERS));
      }
    } else if (f instanceof Frame.PushPromise p) {
      record(p.promisedStreamId()).apply(SEND_PUSH_PROMISE);
      targetHeaderBlockOffset = r.offset();
      targetHeaderBlockIndex = r.index();
      targetBlock.start(id, p.promisedStreamId(), false);
      long at = r.offset() + FrameHeader.SIZE + (p.padding() != null ? 1 : 0) + 4;
      appendTarget(r, p.fragment(), at, p.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.RstStream rst && id != 0) {
      StreamRecord s = record(id);
      s.apply(SEND_RST_STREAM);
      s.targetResetCode = rst.errorCode();
    } else if (f instanceof Frame.Settings st) {
      if (st.isAck()) {
        targetSettingsAcks++;
        peerSettings.ack();
        peerSettingsChanged();
      } else {
        targetSettings.announce(st.settings());
        peerDecoder.setMaxTableSize(tableSize(targetSettings));
      }
    } else if (f instanceof Frame.GoAway g) {
      targetGoAway = new GoAwayInfo(g.lastStreamId(), g.errorCode(), r.offset());
    } else if (f instanceof Frame.WindowUpdate w && id == 0) {
      peerConnectionCredit += w.increment() & 0x7fffffffL;
    }
  }

  private void appendTarget(ReadEvent.FrameRead r, Bytes fragment, long at, boolean endHeaders) {
    targetBlock.append(fragment, at);
    if (!endHeaders) {
      return;
    }
    HeaderBlockBuffer b = targetBlock;
    int stream = b.promisedStream() != 0 ? b.promisedStream() : b.stream();
    if (b.overflowed()) {
      targetHpackBroken = true;
      judge(new CheckEvent.HeaderBlockFailed(b.stream(), targetHeaderBlockOffset, r.index(), null,
          "header block longer than " + HeaderBlockBuffer.MAX_BLOCK + " octets: not decoded, nor any after it"));
    } else if (!targetHpackBroken) {
      try {
        List<HeaderField> fields = targetDecoder.decode(b.bytes(), 0, b.length());
        if (stream != 0 && targetIsServer) {
          HeaderFacts.fromTarget(record(stream), fields, b.promisedStream() != 0, bodies);
        } else if (stream != 0) {
          HeaderFacts.fromClientTarget(record(stream), fields, bodies);
        }
        judge(new CheckEvent.HeaderBlock(stream, r.offset(), r.index(), fields, b.endStream()));
      } catch (HpackException ex) {
        // RFC 9113 §4.3: a header block that does not decode breaks the whole connection's context.
        targetHpackBroken = true;
        judge(new CheckEvent.HeaderBlockFailed(b.stream(), b.absoluteOffset(ex.offset()), r.index(), ex,
            ex.getMessage()));
      }
    }
    b.close();
    if (b.endStream() && b.stream() != 0) {
      judge(new CheckEvent.StreamEnded(b.stream(), targetHeaderBlockOffset, targetHeaderBlockIndex));
    }
  }

  private void onPeer(ReadEvent e) {
    if (frameLog != null) {
      frameLog.accept(FrameLogLine.of(Direction.TO_TARGET, e));
    }
    if (e instanceof ReadEvent.FrameRead r) {
      applyPeer(r, r.frame());
    }
  }

  private void applyPeer(ReadEvent.FrameRead r, Frame f) {
    int id = f.streamId();
    if (f instanceof Frame.Headers h && id != 0) {
      StreamRecord s = record(id);
      s.apply(RECV_HEADERS);
      if (h.hasFlag(Flags.END_STREAM)) {
        s.apply(RECV_END_STREAM);
        s.peerEndStreamSeen = true;
      }
      peerBlock.start(id, 0, false);
      appendPeer(h.fragment(), h.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.Continuation c) {
      if (peerBlock.isOpen() && peerBlock.stream() == id) {
        appendPeer(c.fragment(), c.hasFlag(Flags.END_HEADERS));
      }
    } else if (f instanceof Frame.PushPromise p) {
      record(p.promisedStreamId()).apply(RECV_PUSH_PROMISE);
      peerBlock.start(id, p.promisedStreamId(), false);
      appendPeer(p.fragment(), p.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.Data d && id != 0) {
      peerConnectionCredit -= d.flowControlledLength();
      StreamRecord s = record(id);
      s.apply(RECV_DATA);
      if (d.hasFlag(Flags.END_STREAM)) {
        s.apply(RECV_END_STREAM);
        s.peerEndStreamSeen = true;
      }
    } else if (f instanceof Frame.RstStream rst && id != 0) {
      StreamRecord s = record(id);
      s.apply(RECV_RST_STREAM);
      s.peerResetCode = rst.errorCode();
    } else if (f instanceof Frame.WindowUpdate w) {
      if (id == 0) {
        connectionCredit += w.increment();
      } else {
        record(id).windowCredit += w.increment();
      }
    } else if (f instanceof Frame.Settings st) {
      if (st.isAck()) {
        targetSettings.ack();
        peerDecoder.setMaxTableSize(tableSize(targetSettings));
      } else {
        peerSettingsFrames++;
        peerSettings.announce(st.settings());
        peerSettingsChanged();
      }
    } else if (f instanceof Frame.GoAway g) {
      peerGoAway = new GoAwayInfo(g.lastStreamId(), g.errorCode(), r.offset());
    }
  }

  private void appendPeer(Bytes fragment, boolean endHeaders) {
    peerBlock.append(fragment, 0);
    if (!endHeaders) {
      return;
    }
    if (peerBlock.overflowed()) {
      peerHpackBroken = true;
    } else if (!peerHpackBroken) {
      try {
        List<HeaderField> fields = peerDecoder.decode(peerBlock.bytes(), 0, peerBlock.length());
        int stream = peerBlock.promisedStream() != 0 ? peerBlock.promisedStream() : peerBlock.stream();
        if (targetIsServer) {
          HeaderFacts.fromPeer(record(stream), fields, bodies);
        } else {
          HeaderFacts.fromServingPeer(record(stream), fields);
        }
      } catch (HpackException ex) {
        // The peer is scripted and may send broken blocks on purpose; nothing after them decodes.
        peerHpackBroken = true;
      }
    }
    peerBlock.close();
  }

  /** The peer's SETTINGS or the target's ACK of them changed the limits the target must keep. */
  private void peerSettingsChanged() {
    long max = peerSettings.lenientMax(SettingsParameter.MAX_FRAME_SIZE);
    // RFC 9113 §6.5.2: values outside 2^14..2^24-1 are the peer's error; keep the reader sane.
    targetReader.setMaxFrameSize((int) Math.max(FrameReader.DEFAULT_MAX_FRAME_SIZE, Math.min(max, FrameWriter.MAX_LENGTH)));
    targetDecoder.setMaxTableSize(tableSize(peerSettings));
  }

  private static int tableSize(SettingsLedger announcer) {
    return (int) Math.min(Integer.MAX_VALUE, announcer.lenientMax(SettingsParameter.HEADER_TABLE_SIZE));
  }
}
