package dev.h2harness.check;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.stream.Role;
import dev.h2harness.hpack.HeaderField;
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
 * that judge what the target sent. Each endpoint is a {@link Side} (its SETTINGS, send windows
 * (RFC 9113 §6.9), HPACK context, counters), and every frame is applied by one path, given the
 * side that sent it and the side that received it; the streams (§5.1 states, and per side a
 * {@link StreamSide}) are shared. It never keeps a DATA payload: memory does not grow with the size
 * of a body.
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
  /** The side judged. */
  private final Side target;
  /** The harness's scripted peer. */
  private final Side peer;
  private final Map<Integer, StreamRecord> streams = new HashMap<>();
  private StreamRecord lastStream;
  private boolean targetClosed;
  private ConnectionError connectionError;

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
    // The target's reader follows the peer's SETTINGS; the peer's takes any frame the script writes.
    this.target = new Side(Direction.FROM_TARGET, true, targetIsServer,
        new FrameReader(!targetIsServer, FrameReader.DEFAULT_MAX_FRAME_SIZE, this::onTargetRead));
    this.peer = new Side(Direction.TO_TARGET, false, !targetIsServer,
        new FrameReader(targetIsServer, FrameWriter.MAX_LENGTH, this::onPeerRead));
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
    peer.reader.feed(b, off, len);
  }

  /** Bytes the target sent, in capture order with {@link #fromPeer}. */
  public void fromTarget(byte[] b, int off, int len) {
    target.reader.feed(b, off, len);
  }

  /** The target closed the connection: a frame it left unfinished is truncated. */
  public void targetClosed() {
    targetClosed = true;
    target.reader.finish();
  }

  /** The capture has ended in both directions. */
  public void finish() {
    target.reader.finish();
    peer.reader.finish();
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
    return Optional.ofNullable(target.goAway);
  }

  public Optional<GoAwayInfo> goAwayFromPeer() {
    return Optional.ofNullable(peer.goAway);
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
    return peer.settings.latest(id);
  }

  /** The value the target most recently announced for a SETTINGS parameter, as {@link #peerSetting}. */
  public long targetSetting(SettingsParameter parameter) {
    return target.settings.latest(parameter.id);
  }

  /** SETTINGS frames (not ACKs) the peer sent, and SETTINGS ACKs the target sent (RFC 9113 §6.5.3). */
  public int peerSettingsSent() {
    return peer.settingsFrames;
  }

  public int targetSettingsAcks() {
    return target.settingsAcks;
  }

  /** Octets of the target's byte stream consumed so far. */
  public long targetOffset() {
    return target.reader.offset();
  }

  /** Octets of the peer's byte stream consumed so far. */
  public long peerOffset() {
    return peer.reader.offset();
  }

  @Override public boolean targetIsServer() {
    return targetIsServer;
  }

  @Override public StreamView stream(int id) {
    return find(id);
  }

  @Override public int maxFrameSize() {
    return target.reader.maxFrameSize();
  }

  @Override public long connectionWindow() {
    return INITIAL_CONNECTION_WINDOW + target.connectionCredit;
  }

  @Override public long streamWindow(int id) {
    StreamRecord s = find(id);
    return peer.settings.lenientMax(SettingsParameter.INITIAL_WINDOW_SIZE) + (s == null ? 0 : s.target.windowCredit);
  }

  @Override public long lenientPeerSetting(SettingsParameter parameter) {
    return peer.settings.lenientMax(parameter);
  }

  @Override public long peerConnectionWindow() {
    return INITIAL_CONNECTION_WINDOW + peer.connectionCredit;
  }

  @Override public long headerListLimit() {
    return Math.min(HeaderBlockBuffer.MAX_BLOCK, peer.settings.latest(SettingsParameter.MAX_HEADER_LIST_SIZE.id));
  }

  /**
   * The first finding that is a connection error (RFC 9113 §5.4.1, {@link Rules#connectionErrorCode}):
   * the model judges nothing after it, and whoever plays the peer should send GOAWAY and close.
   */
  public Optional<ConnectionError> connectionError() {
    return Optional.ofNullable(connectionError);
  }

  @Override public int openHeaderBlockStream() {
    return target.block.isOpen() ? target.block.stream() : -1;
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

  private void onTargetRead(ReadEvent e) {
    onEvent(target, peer, e);
  }

  private void onPeerRead(ReadEvent e) {
    onEvent(peer, target, e);
  }

  /** An event of {@code from}'s byte stream: logged, judged when {@code from} is the target, applied. */
  private void onEvent(Side from, Side to, ReadEvent e) {
    if (from.judged && connectionError != null) {
      return;
    }
    if (frameLog != null) {
      frameLog.accept(FrameLogLine.of(from.direction, e));
    }
    if (from.judged) {
      judge(new CheckEvent.Read(e));
      if (connectionError != null) {
        return;
      }
    }
    if (e instanceof ReadEvent.FrameRead r) {
      apply(from, to, r, r.frame());
    }
    if (from.judged && targetListener != null) {
      targetListener.accept(e);
    }
  }

  /** What a frame {@code from} sent changes: stream states, windows, SETTINGS, header blocks. */
  private void apply(Side from, Side to, ReadEvent.FrameRead r, Frame f) {
    int id = f.streamId();
    if (f instanceof Frame.Data d) {
      int length = d.flowControlledLength();
      // RFC 9113 §6.9.1: the whole payload, padding included, counts against both windows.
      from.connectionCredit -= length;
      if (id == 0) {
        return;
      }
      StreamRecord s = record(id);
      StreamSide sent = s.of(from);
      sent.windowCredit -= length;
      sent.bodyBytes += d.data().length();
      sent.addDataFrame(r.offset(), d.flags(), length, d.padlen());
      s.apply(from.data);
      if (d.hasFlag(Flags.END_STREAM)) {
        s.apply(from.endStream);
        sent.endStreamSeen = true;
        if (from.judged) {
          judge(new CheckEvent.StreamEnded(id, r.offset(), r.index()));
        }
      }
    } else if (f instanceof Frame.Headers h) {
      boolean end = h.hasFlag(Flags.END_STREAM);
      if (id != 0) {
        StreamRecord s = record(id);
        s.apply(from.headers);
        s.of(from).headersSeen = true;
        if (end) {
          s.apply(from.endStream);
          s.of(from).endStreamSeen = true;
        }
      }
      startBlock(from, r, id, 0, end);
      append(from, r, h.fragment(), h.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.Continuation c) {
      if (from.block.isOpen() && from.block.stream() == id) {
        append(from, r, c.fragment(), c.hasFlag(Flags.END_HEADERS));
      }
    } else if (f instanceof Frame.PushPromise p) {
      record(p.promisedStreamId()).apply(from.pushPromise);
      startBlock(from, r, id, p.promisedStreamId(), false);
      append(from, r, p.fragment(), p.hasFlag(Flags.END_HEADERS));
    } else if (f instanceof Frame.RstStream rst && id != 0) {
      StreamRecord s = record(id);
      s.apply(from.rstStream);
      s.of(from).resetCode = rst.errorCode();
    } else if (f instanceof Frame.Settings st) {
      if (st.isAck()) {
        // RFC 9113 §6.5.3: the ACK puts the other side's oldest unacknowledged SETTINGS in force.
        from.settingsAcks++;
        to.settings.ack();
      } else {
        from.settingsFrames++;
        from.settings.announce(st.settings());
      }
      limitsChanged(st.isAck() ? to : from);
    } else if (f instanceof Frame.GoAway g) {
      from.goAway = new GoAwayInfo(g.lastStreamId(), g.errorCode(), r.offset());
    } else if (f instanceof Frame.WindowUpdate w) {
      long increment = w.increment();
      if (id == 0) {
        to.connectionCredit += increment;
      } else {
        record(id).of(to).windowCredit += increment;
      }
    }
  }

  private static void startBlock(Side from, ReadEvent.FrameRead r, int stream, int promised, boolean endStream) {
    from.blockOffset = r.offset();
    from.blockIndex = r.index();
    from.block.start(stream, promised, endStream);
  }

  /** A fragment of {@code from}'s open header block; at END_HEADERS the block is decoded. */
  private void append(Side from, ReadEvent.FrameRead r, Bytes fragment, boolean endHeaders) {
    HeaderBlockBuffer b = from.block;
    b.append(fragment, r.contentOffset());
    if (!endHeaders) {
      return;
    }
    int stream = b.promisedStream() != 0 ? b.promisedStream() : b.stream();
    if (b.overflowed()) {
      from.hpackBroken = true;
      if (from.judged) {
        judge(new CheckEvent.HeaderBlockFailed(b.stream(), from.blockOffset, r.index(), null,
            "header block longer than " + HeaderBlockBuffer.MAX_BLOCK + " octets: not decoded, nor any after it"));
      }
    } else if (!from.hpackBroken) {
      try {
        List<HeaderField> fields = from.decoder.decode(b.bytes(), 0, b.length());
        if (stream != 0) {
          HeaderFacts.from(from, record(stream), fields, b.promisedStream() != 0, bodies);
        }
        if (from.judged) {
          judge(new CheckEvent.HeaderBlock(stream, r.offset(), r.index(), fields, b.endStream()));
        }
      } catch (HpackException ex) {
        // RFC 9113 §4.3: a header block that does not decode breaks the whole connection's context.
        // (The peer is scripted and may send broken blocks on purpose: then no finding.)
        from.hpackBroken = true;
        if (from.judged) {
          judge(new CheckEvent.HeaderBlockFailed(b.stream(), b.absoluteOffset(ex.offset()), r.index(), ex,
              ex.getMessage()));
        }
      }
    }
    b.close();
    if (from.judged && b.endStream() && b.stream() != 0) {
      judge(new CheckEvent.StreamEnded(b.stream(), from.blockOffset, from.blockIndex));
    }
  }

  /**
   * {@code announcer}'s SETTINGS in force changed (it announced, or the other side acknowledged):
   * the other side's HPACK encoder may use the announced table size (RFC 7541 §4.2), and the
   * target's frames may be as long as the peer allows (RFC 9113 §4.2).
   */
  private void limitsChanged(Side announcer) {
    Side other = announcer == target ? peer : target;
    other.decoder.setMaxTableSize(tableSize(announcer.settings));
    if (other.judged) {
      long max = announcer.settings.lenientMax(SettingsParameter.MAX_FRAME_SIZE);
      // RFC 9113 §6.5.2: values outside 2^14..2^24-1 are the peer's error; keep the reader sane.
      other.reader.setMaxFrameSize((int) Math.max(FrameReader.DEFAULT_MAX_FRAME_SIZE, Math.min(max, FrameWriter.MAX_LENGTH)));
    }
  }

  private static int tableSize(SettingsLedger announcer) {
    return (int) Math.min(Integer.MAX_VALUE, announcer.lenientMax(SettingsParameter.HEADER_TABLE_SIZE));
  }
}
