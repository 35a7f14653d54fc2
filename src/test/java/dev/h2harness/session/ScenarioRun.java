package dev.h2harness.session;

import dev.h2harness.TestRequests;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.stream.StreamState;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated scenario played against a server {@link Session} by an in-memory client, with
 * everything recorded: the bytes the session wrote (its send callback and the NO_COPY writes of
 * the send-data callback, in order) and a log of every callback, send() call and client frame,
 * each stamped with the wire length at that moment. The checks in {@link TraceChecks} read only
 * this record.
 */
final class ScenarioRun {
  /** Padding choice meaning "select-padding returns the maximum" ({@code h2h-pad: max}). */
  static final int PAD_MAX = ControlHeaders.PAD_MAX;
  /** Padding choice meaning "no select-padding answer but the length itself" (no {@code h2h-pad}). */
  static final int PAD_NONE = -1;
  /** Window the client tops up to once its schedule is spent, so every body can finish. */
  static final int TOP_UP_TARGET = 1 << 24;
  static final int MAX_SEND_CALLS = 20_000;

  // ---- what is generated -------------------------------------------------------------------

  /** Something the client sends between two send() calls. */
  sealed interface ClientAction {}

  record ConnectionUpdate(int increment) implements ClientAction {}

  /** {@code streamIndex} is taken modulo the number of streams. */
  record StreamUpdate(int streamIndex, int increment) implements ClientAction {}

  /** The client cancels a stream (RST_STREAM CANCEL); contract §2: a blocked frame is then dropped. */
  record ResetStream(int streamIndex) implements ClientAction {}

  /** A new SETTINGS_INITIAL_WINDOW_SIZE in the middle of the responses (RFC 9113 §6.9.2). */
  record InitialWindow(int size) implements ClientAction {}

  /**
   * Each stream's response is what its {@link ControlHeaders} ask for (contract §4): {@code body}
   * pattern octets, read {@code chunk} at a time (0: as much as offered), padded as {@code pad} says
   * (PAD_NONE, 0..256 added, or PAD_MAX), and the successive returns of sendData ({@code 0} after
   * the script ends).
   */
  record Scenario(int maxFrameSize, int initialWindow, List<ControlHeaders> streams, List<ClientAction> schedule) {}

  // ---- what is recorded --------------------------------------------------------------------

  /** Every event knows the wire length when it happened and the send() call it ran in (0: between calls). */
  sealed interface Event {
    int wireAt();
  }

  record SendStart(int call, int wireAt) implements Event {}

  /** send() returned; the session's windows and wantWrite() right after, keyed by stream index. */
  record SendEnd(int call, int wireAt, int returned, boolean wantWrite, int connWindow, int[] streamWindows)
      implements Event {}

  record Read(int stream, int call, int wireAt, int maxLength, int returned, boolean eof, long offset)
      implements Event {}

  record Pad(int stream, int call, int wireAt, int length, int maxPadded, int returned) implements Event {}

  /**
   * A sendData call. {@code wireEnd} is the wire length when it returned: our callback writes the
   * frame (exactly as contract §1.7) only for 0 and PAUSE. {@code payloadOffset} is where the
   * payload was taken from: the body offset of the oldest read not yet written, -1 if there was none.
   */
  record SendData(int stream, int call, int wireAt, int wireEnd, byte[] framehd, int length, int padlen,
                  int returned, long payloadOffset) implements Event {}

  /** A frame the client sent (WINDOW_UPDATE, SETTINGS or RST_STREAM), after {@code wireAt} octets had arrived. */
  record ClientFrame(int wireAt, Frame frame) implements Event {}

  /** The record of one run. {@code fatal} is send()'s negative return that ended it, or 0. */
  record Trace(Scenario scenario, byte[] wire, List<Event> events, int fatal, int sendCalls) {
    int streamId(int index) {
      return 2 * index + 1;
    }

    int streamIndex(int streamId) {
      return (streamId - 1) / 2;
    }
  }

  // ---- the run -----------------------------------------------------------------------------

  private final Scenario scenario;
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final List<Event> events = new ArrayList<>();
  private final List<PatternSource> sources = new ArrayList<>();
  private final List<ArrayDeque<Integer>> scripts = new ArrayList<>();
  private final Session session;
  private int call;
  private int clientInitialWindow;

  private ScenarioRun(Scenario scenario) {
    this.scenario = scenario;
    SessionCallbacks cb = new SessionCallbacks()
        .send((b, o, l) -> {
          wire.write(b, o, l);
          return l;
        })
        .sendData(this::sendData)
        .selectPadding(this::selectPadding);
    session = Session.server(cb);
  }

  static Trace run(Scenario scenario) {
    return new ScenarioRun(scenario).drive();
  }

  private Trace drive() {
    HpackEncoder encoder = new HpackEncoder();
    clientInitialWindow = scenario.initialWindow();
    receive(FrameReader.CLIENT_PREFACE.toArray());
    receive(FrameWriter.write(Frame.Settings.of(
        new Setting(SettingsParameter.MAX_FRAME_SIZE, scenario.maxFrameSize()),
        new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, scenario.initialWindow()))));
    for (int i = 0; i < scenario.streams().size(); i++) {
      ControlHeaders spec = scenario.streams().get(i);
      int id = 2 * i + 1;
      receive(FrameWriter.write(Frame.Headers.of(id, dev.h2harness.frame.Bytes.wrap(encoder.encode(
          TestRequests.get("/" + i))), true)));
      PatternSource src = new PatternSource(i, spec.body(), spec.chunk());
      sources.add(src);
      scripts.add(new ArrayDeque<>(spec.sendData().stream().map(SendDataOutcome::returned).toList()));
      int rv = session.submitResponse(id, List.of(HeaderField.of(":status", "200")), src);
      if (rv != 0) throw new IllegalStateException("submitResponse " + id + ": " + NgError.name(rv));
    }
    ArrayDeque<ClientAction> schedule = new ArrayDeque<>(scenario.schedule());
    int fatal = 0;
    while (call < MAX_SEND_CALLS) {
      int eventsBefore = events.size();
      int wireBefore = wire.size();
      int rv = send();
      if (rv != 0) {
        fatal = rv;
        break;
      }
      boolean progressed = events.size() > eventsBefore + 2 || wire.size() > wireBefore;
      if (!schedule.isEmpty()) {
        apply(schedule.poll());
        continue;
      }
      if (progressed) continue;
      if (allClosed() || !topUp()) break;
    }
    return new Trace(scenario, wire.toByteArray(), List.copyOf(events), fatal, call);
  }

  private int send() {
    call++;
    events.add(new SendStart(call, wire.size()));
    int rv = session.send();
    int[] windows = new int[sources.size()];
    for (int i = 0; i < windows.length; i++) windows[i] = session.streamSendWindow(2 * i + 1);
    events.add(new SendEnd(call, wire.size(), rv, session.wantWrite(), session.connectionSendWindow(), windows));
    return rv;
  }

  private boolean allClosed() {
    for (int i = 0; i < sources.size(); i++) {
      if (session.streamState(2 * i + 1) != StreamState.CLOSED) return false;
    }
    return true;
  }

  /** Raises every open stream's window and the connection's to TOP_UP_TARGET; false if none needed it. */
  private boolean topUp() {
    boolean sent = false;
    for (int i = 0; i < sources.size(); i++) {
      int id = 2 * i + 1;
      if (session.streamState(id) == StreamState.CLOSED) continue;
      sent |= windowUpdate(id, session.streamSendWindow(id), TOP_UP_TARGET);
    }
    sent |= windowUpdate(0, session.connectionSendWindow(), TOP_UP_TARGET);
    return sent;
  }

  /** Sends WINDOW_UPDATE so the window reaches {@code target}, never above 2^31-1. */
  private boolean windowUpdate(int streamId, int window, long target) {
    long inc = Math.min(target - window, (long) Integer.MAX_VALUE - window);
    if (inc <= 0) return false;
    clientFrame(Frame.WindowUpdate.of(streamId, (int) Math.min(inc, Integer.MAX_VALUE)));
    return true;
  }

  private void apply(ClientAction action) {
    if (action instanceof ConnectionUpdate cu) {
      int w = session.connectionSendWindow();
      windowUpdate(0, w, (long) w + cu.increment());
    } else if (action instanceof StreamUpdate su) {
      int id = 2 * (su.streamIndex() % sources.size()) + 1;
      if (session.streamState(id) == StreamState.CLOSED) return;
      int w = session.streamSendWindow(id);
      windowUpdate(id, w, (long) w + su.increment());
    } else if (action instanceof ResetStream rs) {
      int id = 2 * (rs.streamIndex() % sources.size()) + 1;
      if (session.streamState(id) != StreamState.CLOSED) clientFrame(Frame.RstStream.of(id, ErrorCode.CANCEL));
    } else if (action instanceof InitialWindow iw) {
      long delta = (long) iw.size() - clientInitialWindow;
      for (int i = 0; i < sources.size(); i++) {
        int id = 2 * i + 1;
        // RFC 9113 §6.9.2: a change that lifts an open stream's window above 2^31-1 is an error; skip it.
        if (session.streamState(id) != StreamState.CLOSED && session.streamSendWindow(id) + delta > Integer.MAX_VALUE) {
          return;
        }
      }
      clientInitialWindow = iw.size();
      clientFrame(Frame.Settings.of(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, iw.size())));
    }
  }

  private void clientFrame(Frame f) {
    events.add(new ClientFrame(wire.size(), f));
    receive(FrameWriter.write(f));
  }

  private void receive(byte[] bytes) {
    int rv = session.memReceive(bytes);
    if (rv != bytes.length) throw new IllegalStateException("memReceive returned " + rv);
  }

  private int selectPadding(Session s, int type, int streamId, int length, int maxPadded) {
    if (type != FrameType.DATA.code) return length; // as ControlledServer: DATA only
    int pad = scenario.streams().get((streamId - 1) / 2).pad();
    int v = pad == PAD_NONE ? length : pad == PAD_MAX ? maxPadded : (int) Math.min(maxPadded, (long) length + pad);
    events.add(new Pad(streamId, call, wire.size(), length, maxPadded, v));
    return v;
  }

  private int sendData(Session s, DataFrameInfo frame, byte[] framehd, int length, DataSource source) {
    int stream = frame.streamId();
    int index = (stream - 1) / 2;
    PatternSource src = (PatternSource) source;
    ArrayDeque<Integer> script = scripts.get(index);
    int rv = script.isEmpty() ? 0 : script.poll();
    int wireAt = wire.size();
    long[] head = src.pending.peek();
    long payloadOffset = head == null ? -1 : head[0];
    if (rv == 0 || rv == NgError.PAUSE) {
      // contract §1.7: header, Pad Length octet, payload, padding octets, as one unit.
      int padlen = frame.padlen();
      wire.write(framehd, 0, 9);
      if (padlen > 0) wire.write(padlen - 1);
      byte[] payload = new byte[length];
      BodyPattern.copy(Math.max(0, payloadOffset), payload, 0, length);
      wire.writeBytes(payload);
      if (padlen > 1) wire.writeBytes(new byte[padlen - 1]);
      src.pending.poll();
    } else if (rv == NgError.TEMPORAL_CALLBACK_FAILURE) {
      src.pending.poll(); // the frame is dropped
    }
    events.add(new SendData(stream, call, wireAt, wire.size(), framehd.clone(), length, frame.padlen(), rv,
        payloadOffset));
    return rv;
  }

  /** A NO_COPY pattern body: the read promises lengths; sendData writes them in order. */
  private final class PatternSource implements DataSource {
    final int index;
    final long total;
    final int chunk;
    long promised;
    /** Reads whose frames are not written yet: {offset, length}. */
    final ArrayDeque<long[]> pending = new ArrayDeque<>();

    PatternSource(int index, long total, int chunk) {
      this.index = index;
      this.total = total;
      this.chunk = chunk;
    }

    @Override public int read(Session s, int streamId, byte[] buf, int offset, int maxLength, DataFlags flags) {
      int n = (int) Math.min(Math.min(maxLength, chunk > 0 ? chunk : maxLength), total - promised);
      flags.set(DataFlags.NO_COPY);
      pending.add(new long[] {promised, n});
      long at = promised;
      promised += n;
      if (promised == total) flags.set(DataFlags.EOF);
      events.add(new Read(streamId, call, wire.size(), maxLength, n, flags.has(DataFlags.EOF), at));
      return n;
    }
  }
}
