package dev.h2harness.peer;

import dev.h2harness.check.ConnectionError;
import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * Plays the client side of one connection: sends the preface and the scenario's SETTINGS, runs
 * the steps, acknowledges the target's SETTINGS and PINGs, gives window credit back as its
 * {@link FlowPolicy} says, and feeds every byte both ways to the {@link ConnectionModel}.
 */
public final class ScriptedPeer {
  /** Most octets of a collected response body that are kept. */
  static final int MAX_COLLECTED = 16 << 20;

  private final Transport transport;
  private final ConnectionModel model;
  private final Capture capture;
  private final int timeoutMillis;
  private final int budgetMillis;
  private final FlowPolicy flow;
  private final HpackEncoder encoder = new HpackEncoder();
  private final byte[] buf = new byte[64 * 1024];
  private final Map<Integer, ByteArrayOutputStream> collected = new HashMap<>();
  private boolean closed;
  private ConnectionError violation;
  private String closeReason;
  private long runDeadline = Long.MAX_VALUE;
  private long lastArrival = System.nanoTime();
  private long lastTopUp = System.nanoTime();
  private long framesSeen;
  /** The frame a {@link PeerStep.WaitFrame} step waits for, while it waits. */
  private Optional<PeerStep.WaitFrame> awaitingFrame = Optional.empty();
  private boolean awaitMatched;
  private Bytes pingAck;
  /** Server role: streams the client opened, in order; stream 2k+1 of a script names the (k+1)-th. */
  private List<Integer> opened;
  /** Server role: the script's streams it answers itself; the others get an automatic answer. */
  private java.util.Set<Integer> scriptedAnswers;
  /** Server role, control scenario: the client's first request must announce {@code h2h-version}. */
  private boolean requireCooperation;
  private boolean uncooperative;
  /** Why a control scenario stops early against a client that does not cooperate (contract §5). */
  public static final String UNCOOPERATIVE = "the client's first request has no h2h-version header";
  /** The frame type a {@link PeerStep.WaitAck} step waits to see acknowledged, while it waits. */
  private OptionalInt awaitingAck = OptionalInt.empty();
  private boolean ackSeen;
  private java.util.concurrent.Callable<Transport> opener;
  private boolean closeIsDefence;
  private static final int FLUSH_AT = 64 * 1024;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** A peer whose scenario budget is {@link #budgetFor} its idle timeout. */
  public ScriptedPeer(Transport transport, ConnectionModel model, Capture capture, int timeoutMillis, FlowPolicy flow) {
    this(transport, model, capture, timeoutMillis, budgetFor(timeoutMillis), flow);
  }

  /**
   * @param timeoutMillis how long a wait may see no octet from the target (idleness)
   * @param budgetMillis how long the whole run may take, for targets that make slow progress
   */
  public ScriptedPeer(Transport transport, ConnectionModel model, Capture capture, int timeoutMillis, int budgetMillis,
      FlowPolicy flow) {
    this.transport = transport;
    this.model = model;
    this.capture = capture;
    this.timeoutMillis = timeoutMillis;
    this.budgetMillis = budgetMillis;
    this.flow = flow;
    model.onTargetEvent(this::onTargetEvent);
  }

  /**
   * Plays the server side (the {@code listen} command): stream ids in the steps are logical, 2k+1
   * naming the (k+1)-th stream the client opens, and a step waits until that stream exists. Every
   * request the steps do not answer or reset gets a small 200 response once the client ends it.
   */
  public ScriptedPeer serving(java.util.Set<Integer> scriptedAnswers) {
    this.opened = new java.util.ArrayList<>();
    this.scriptedAnswers = java.util.Set.copyOf(scriptedAnswers);
    return this;
  }

  /**
   * Server role: stop the script as soon as the client's first request shows it does not cooperate,
   * instead of waiting out a script meant for a cooperating client.
   */
  public ScriptedPeer requiringCooperation() {
    this.requireCooperation = true;
    return this;
  }

  /** Server role: the streams the client opened, in order. */
  public List<Integer> clientStreams() {
    return opened == null ? List.of() : List.copyOf(opened);
  }

  /**
   * For attack scenarios: the target closing the connection is a defence, not a failure; the
   * remaining sends are skipped and the later checks (a second connection) still run.
   */
  public ScriptedPeer closeIsDefence(boolean on) {
    this.closeIsDefence = on;
    return this;
  }

  /** How {@link PeerStep.SecondConnection} opens its connection; without it that step fails. */
  public ScriptedPeer withOpener(java.util.concurrent.Callable<Transport> opener) {
    this.opener = opener;
    return this;
  }

  /** The default scenario budget: five idle timeouts. */
  public static int budgetFor(int timeoutMillis) {
    return (int) Math.min(Integer.MAX_VALUE, 5L * timeoutMillis);
  }

  /** Runs the preface and {@code steps}; never throws for what the target does. */
  public PeerResult run(boolean sendPreface, List<PeerStep> steps) {
    long began = System.nanoTime();
    runDeadline = began + budgetMillis * 1_000_000L;
    try {
      if (sendPreface) {
        write(FrameReader.CLIENT_PREFACE.toArray());
      }
      for (int i = 0; i < steps.size(); i++) {
        StepFailure failure = runStep(steps.get(i));
        if (violation != null) {
          return finish(PeerResult.Outcome.VIOLATION, i, new StepFailure.Violation(violation), began);
        }
        if (failure != null) {
          return finish(closed ? PeerResult.Outcome.CLOSED : failure.outcome(), i, failure, began);
        }
      }
      return finish(PeerResult.Outcome.COMPLETED, steps.size(), null, began);
    } catch (IOException e) {
      closed = true;
      return finish(PeerResult.Outcome.CLOSED, -1, new StepFailure.TransportFailure("connection failed: " + e.getMessage()),
          began);
    }
  }

  /** {@code failure} is null when every step ran. */
  private PeerResult finish(PeerResult.Outcome outcome, int step, StepFailure failure, long began) {
    flush();
    // Only a connection that really ended can end inside a frame: when the harness stops reading,
    // a partly read frame is not the target's fault.
    if (closed && violation == null) {
      model.targetClosed();
      model.finish();
    }
    Map<Integer, byte[]> bodies = new HashMap<>();
    collected.forEach((id, b) -> bodies.put(id, b.toByteArray()));
    return new PeerResult(outcome, step, java.util.Optional.ofNullable(failure), bodies, System.nanoTime() - began);
  }

  /** Null when the step succeeded, else why not (a timeout, a closed connection, an expectation). */
  private StepFailure runStep(PeerStep step) throws IOException {
    if (uncooperative) return new StepFailure.ExpectationFailed(UNCOOPERATIVE);
    if (opened != null) {
      int logical = logicalStream(step);
      if (logical > 0) {
        int n = (logical + 1) / 2;
        StepFailure r = await(() -> opened.size() >= n, "the client's request " + n + " (stream " + logical + " of the script)",
            () -> "no new stream from the client");
        if (r != null) return r;
      }
      step = resolve(step);
    }
    if (step instanceof PeerStep.Respond r) {
      respond(r.streamId(), r.status(), r.body(), r.endStream());
    } else if (step instanceof PeerStep.GoAway g) {
      write(FrameWriter.writeLenient(new Frame.GoAway(0, 0, g.lastStreamId(), g.errorCode(), Bytes.EMPTY)));
    } else if (step instanceof PeerStep.Settings s) {
      write(FrameWriter.writeLenient(new Frame.Settings(0, 0, s.settings())));
    } else if (step instanceof PeerStep.Request r) {
      if (r.collect()) collected.put(r.streamId(), new ByteArrayOutputStream());
      byte[] block = encoder.encode(r.fields());
      write(FrameWriter.writeLenient(Frame.Headers.of(r.streamId(), Bytes.wrap(block), r.endStream())));
    } else if (step instanceof PeerStep.PingOrClose) {
      Bytes opaque = Bytes.ascii(String.format("h2c%05d", framesSeen % 100000));
      pingAck = null;
      write(FrameWriter.writeLenient(Frame.Ping.of(opaque, false)));
      StepFailure r = await(() -> closed || opaque.equals(pingAck), "the PING ACK or the close", () -> framesSeen + " frames");
      return r == null || closed ? null : r;
    } else if (step instanceof PeerStep.WaitAck w) {
      awaitingAck = OptionalInt.of(w.type());
      ackSeen = false;
      StepFailure r = await(() -> ackSeen, FrameType.nameOf(w.type()) + " with ACK", () -> framesSeen + " frames, no ACK");
      awaitingAck = OptionalInt.empty();
      return r;
    } else if (step instanceof PeerStep.ExceedConcurrency c) {
      return exceedConcurrency(c);
    } else if (step instanceof PeerStep.OversizedData o) {
      return oversizedData(o.streamId());
    } else if (step instanceof PeerStep.HeaderBlock h) {
      write(headerBlock(h));
    } else if (step instanceof PeerStep.AwaitReaction a) {
      awaitReaction(a.streamId(), a.ping());
      return null;
    } else if (step instanceof PeerStep.SecondConnection c) {
      return secondConnection(c);
    } else if (step instanceof PeerStep.SendFrame f) {
      write(FrameWriter.writeLenient(f.frame()));
    } else if (step instanceof PeerStep.SendBytes b) {
      write(b.bytes().toArray());
    } else if (step instanceof PeerStep.WindowUpdate w) {
      write(FrameWriter.writeLenient(new Frame.WindowUpdate(0, w.streamId(), w.increment())));
    } else if (step instanceof PeerStep.RstStream r) {
      write(FrameWriter.writeLenient(new Frame.RstStream(0, r.streamId(), r.errorCode())));
    } else if (step instanceof PeerStep.Ping) {
      Bytes opaque = Bytes.ascii(String.format("h2h%05d", framesSeen % 100000));
      pingAck = null;
      write(FrameWriter.writeLenient(Frame.Ping.of(opaque, false)));
      return await(() -> opaque.equals(pingAck), "the PING ACK", () -> framesSeen + " frames, no PING ACK");
    } else if (step instanceof PeerStep.WaitStream w) {
      return await(() -> ended(w.streamId()), "the end of stream " + w.streamId(), () -> progress(w.streamId()));
    } else if (step instanceof PeerStep.WaitHeaders w) {
      return await(() -> ended(w.streamId()) || headersSeen(w.streamId()), "the response headers of stream "
          + w.streamId(), () -> progress(w.streamId()));
    } else if (step instanceof PeerStep.WaitBody w) {
      // A stream that ends short of the count ends the wait: the expectations judge the body.
      return await(() -> bodyBytes(w.streamId()) >= w.bytes() || ended(w.streamId()),
          w.bytes() + " body octets on stream " + w.streamId(), () -> progress(w.streamId()));
    } else if (step instanceof PeerStep.WaitFrame w) {
      awaitingFrame = Optional.of(w);
      awaitMatched = false;
      StepFailure r = await(() -> awaitMatched,
          "a " + (w.type() < 0 ? "frame" : FrameType.nameOf(w.type())) + (w.streamId() < 0 ? "" : " on stream " + w.streamId()),
          () -> framesSeen + " other frames");
      awaitingFrame = Optional.empty();
      return r;
    } else if (step instanceof PeerStep.Credit c) {
      credit(c.streamId(), c.minimum());
    } else if (step instanceof PeerStep.ExpectClose) {
      StepFailure r = await(() -> closed, "the connection to close", () -> "the connection open");
      return r == null ? null : new StepFailure.KeptOpen("the target kept the connection open for " + timeoutMillis + " ms");
    } else if (step instanceof PeerStep.ExpectSilence s) {
      long before = capture.total(Capture.Direction.FROM_TARGET);
      pumpFor(s.millis());
      long got = capture.total(Capture.Direction.FROM_TARGET) - before;
      return got == 0 ? null
          : new StepFailure.ExpectationFailed("the target sent " + got + " octets during " + s.millis() + " ms of expected silence");
    } else if (step instanceof PeerStep.Sleep s) {
      pumpFor(s.millis());
    }
    return closed && !(step instanceof PeerStep.Sleep) && !closeIsDefence
        ? new StepFailure.TargetClosed("the target closed the connection") : null;
  }

  private byte[] headerBlock(PeerStep.HeaderBlock h) {
    Bytes block = h.block() != null ? h.block()
        : Bytes.wrap(encoder.encode(h.fields(), dev.h2harness.hpack.Indexing.WITHOUT_INDEXING));
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(h.prefix().toArray());
    payload.writeBytes(block.toArray());
    payload.writeBytes(new byte[h.padding()]);
    return FrameWriter.writeLenient(new Frame.Unknown(h.type(), h.flags(), h.streamId(), Bytes.wrap(payload.toByteArray())));
  }

  /** Reads until the target reacts; after a GOAWAY, until it closes (RFC 9113 §5.4.1), each within the timeout. */
  private void awaitReaction(int stream, boolean ping) throws IOException {
    int streamId = stream < 0 ? Math.max(0, lastOpenedStream()) : stream;
    Bytes opaque = Bytes.ascii("h2hreact");
    pingAck = null;
    if (ping) write(FrameWriter.writeLenient(Frame.Ping.of(opaque, false)));
    // The target handles frames in order: when the PING ACK arrives, any reaction has arrived too.
    // A stream that had already ended before the wait is judged on a new RST_STREAM only.
    boolean endedBefore = streamId != 0 && ended(streamId);
    await(() -> closed || model.goAwayFromTarget().isPresent() || ping && opaque.equals(pingAck)
        || streamId != 0 && (endedBefore ? resetByTarget(streamId) : ended(streamId)),
        "the target's reaction", () -> framesSeen + " frames");
    if (!closed && model.goAwayFromTarget().isPresent()) {
      await(() -> closed, "the close after GOAWAY", () -> "the connection open");
    }
  }

  private StepFailure oversizedData(int streamId) throws IOException {
    // The SETTINGS the target sent so far (a ping step earlier in the script waits for them); no
    // PING here: a server that answers the request meanwhile would see the frame on a closed stream.
    long max = model.targetSetting(SettingsParameter.MAX_FRAME_SIZE);
    if (max < FrameReader.DEFAULT_MAX_FRAME_SIZE) max = FrameReader.DEFAULT_MAX_FRAME_SIZE;
    if (max >= FrameWriter.MAX_LENGTH) {
      return new StepFailure.NotApplicable("the target announces SETTINGS_MAX_FRAME_SIZE " + max
          + ", the largest length a frame header can carry");
    }
    // RFC 9113 §4.2: a frame over the receiver's SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR.
    write(FrameWriter.writeLenient(Frame.Data.of(streamId, Bytes.zeros((int) max + 1), true)));
    return null;
  }

  private StepFailure exceedConcurrency(PeerStep.ExceedConcurrency c) throws IOException {
    // The target's SETTINGS precede its PING ACK: after a PING the limit is known.
    StepFailure r = runStep(new PeerStep.Ping());
    if (r != null) return r;
    long limit = model.targetSetting(SettingsParameter.MAX_CONCURRENT_STREAMS);
    if (limit > PeerStep.ExceedConcurrency.MAX) {
      return new StepFailure.NotApplicable("the target announces no SETTINGS_MAX_CONCURRENT_STREAMS up to "
          + PeerStep.ExceedConcurrency.MAX);
    }
    int first = lastOpenedStream() + 2;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (long i = 0; i <= limit; i++) {
      byte[] block = encoder.encode(c.request());
      all.writeBytes(FrameWriter.writeLenient(Frame.Headers.of((int) (first + 2 * i), Bytes.wrap(block), false)));
    }
    write(all.toByteArray());
    return null;
  }

  /** The highest odd stream the model knows, 0 before any: what {@code outcome-stream: last} means. */
  private int lastOpenedStream() {
    return lastOpened(model);
  }

  /** The highest odd (client-opened) stream in {@code model}, or -1 when none. */
  public static int lastOpened(ConnectionModel model) {
    int max = -1;
    for (StreamView v : model.streams()) {
      if ((v.id() & 1) == 1) max = Math.max(max, v.id());
    }
    return max;
  }

  private StepFailure secondConnection(PeerStep.SecondConnection c) {
    if (opener == null) return new StepFailure.ExpectationFailed("no second connection can be opened here");
    // What the target sent on this connection first: its own violation is the root cause, not
    // what the second connection then sees.
    try {
      long until = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (!closed && violation == null && System.nanoTime() < until && readOnce(Math.min(100, timeoutMillis))) {
        // Read until the target has been quiet for 100 ms.
      }
    } catch (IOException e) {
      closed = true;
    }
    if (violation != null) return new StepFailure.Violation(violation);
    long began = System.nanoTime();
    try (Transport t = opener.call()) {
      ConnectionModel second = new ConnectionModel(true);
      ScriptedPeer secondPeer = new ScriptedPeer(t, second, new Capture(0), timeoutMillis, 2 * timeoutMillis,
          FlowPolicy.replenishToDefaultWindows());
      PeerResult r = secondPeer
          .run(true, List.of(new PeerStep.Settings(List.of()), new PeerStep.Request(1, c.request(), true, false),
              new PeerStep.WaitStream(1)));
      if (r.outcome() == PeerResult.Outcome.VIOLATION) {
        // The target broke the protocol on the second connection: that is the root cause.
        violation = secondPeer.violation();
        return new StepFailure.Violation(violation);
      }
      StreamView v = second.stream(1);
      if (r.outcome() == PeerResult.Outcome.COMPLETED && v != null && v.status() > 0 && v.endStreamSeen()) return null;
      return new StepFailure.ExpectationFailed("a second connection was not served: " + (v == null || v.status() < 0
          ? "no response" : ":status " + v.status() + (v.endStreamSeen() ? "" : ", not ended")) + " after "
          + (System.nanoTime() - began) / 1_000_000 + " ms (" + r.detail() + ")");
    } catch (Exception e) {
      return new StepFailure.ExpectationFailed("a second connection could not be opened: " + e.getMessage());
    }
  }

  private boolean resetByTarget(int streamId) {
    StreamView v = model.stream(streamId);
    return v != null && v.targetResetCode() >= 0;
  }

  /** The largest odd logical stream a step names, or 0. */
  private static int logicalStream(PeerStep step) {
    int id = 0;
    if (step instanceof PeerStep.Respond r) id = r.streamId();
    else if (step instanceof PeerStep.GoAway g) id = g.lastStreamId();
    else if (step instanceof PeerStep.WindowUpdate w) id = w.streamId();
    else if (step instanceof PeerStep.RstStream r) id = r.streamId();
    else if (step instanceof PeerStep.WaitStream w) id = w.streamId();
    else if (step instanceof PeerStep.WaitBody w) id = w.streamId();
    else if (step instanceof PeerStep.WaitFrame w) id = Math.max(0, w.streamId());
    else if (step instanceof PeerStep.Credit c) id = c.streamId();
    else if (step instanceof PeerStep.SendFrame f) id = f.frame().streamId();
    return id % 2 == 1 ? id : 0;
  }

  /** The step with its logical stream ids replaced by the client's. */
  private PeerStep resolve(PeerStep step) {
    if (step instanceof PeerStep.Respond r) return new PeerStep.Respond(actual(r.streamId()), r.status(), r.body(), r.endStream());
    if (step instanceof PeerStep.GoAway g) return new PeerStep.GoAway(actual(g.lastStreamId()), g.errorCode());
    if (step instanceof PeerStep.WindowUpdate w) return new PeerStep.WindowUpdate(actual(w.streamId()), w.increment());
    if (step instanceof PeerStep.RstStream r) return new PeerStep.RstStream(actual(r.streamId()), r.errorCode());
    if (step instanceof PeerStep.WaitStream w) return new PeerStep.WaitStream(actual(w.streamId()));
    if (step instanceof PeerStep.WaitBody w) return new PeerStep.WaitBody(actual(w.streamId()), w.bytes());
    if (step instanceof PeerStep.WaitFrame w && w.type() == FrameType.HEADERS.code && w.streamId() > 0) {
      return new PeerStep.Sleep(0); // the client's request HEADERS: the wait for its stream has seen them
    }
    if (step instanceof PeerStep.WaitFrame w) return new PeerStep.WaitFrame(w.type(), w.streamId() < 0 ? -1 : actual(w.streamId()));
    if (step instanceof PeerStep.Credit c) return new PeerStep.Credit(actual(c.streamId()), c.minimum());
    if (step instanceof PeerStep.SendFrame f && f.frame() instanceof Frame.Unknown u) {
      return new PeerStep.SendFrame(new Frame.Unknown(u.typeCode(), u.flags(), actual(u.streamId()), u.payload()));
    }
    return step;
  }

  private int actual(int logical) {
    if (logical % 2 == 0) return logical;
    int k = (logical - 1) / 2;
    return k < opened.size() ? opened.get(k) : logical;
  }

  /** HEADERS with {@code :status}, then {@code body} pattern octets in DATA frames of the default maximum size. */
  private void respond(int streamId, int status, int body, boolean endStream) throws IOException {
    List<dev.h2harness.hpack.HeaderField> fields = List.of(
        dev.h2harness.hpack.HeaderField.of(":status", Integer.toString(status)),
        dev.h2harness.hpack.HeaderField.of("content-length", Integer.toString(body)));
    write(FrameWriter.writeLenient(Frame.Headers.of(streamId, Bytes.wrap(encoder.encode(fields)), endStream && body == 0)));
    for (int at = 0; at < body; at += SettingsParameter.DEFAULT_MAX_FRAME_SIZE) {
      int n = Math.min(SettingsParameter.DEFAULT_MAX_FRAME_SIZE, body - at);
      byte[] chunk = new byte[n];
      for (int i = 0; i < n; i++) chunk[i] = (byte) ((at + i) % 251);
      write(FrameWriter.writeLenient(Frame.Data.of(streamId, Bytes.wrap(chunk), endStream && at + n == body)));
    }
  }

  /** Server role: a request the script leaves alone is answered once the client has sent all of it. */
  private void serve(Frame f) throws IOException {
    int id = f.streamId();
    if (id == 0 || id % 2 == 0) return;
    if (f instanceof Frame.Headers && !opened.contains(id) && (opened.isEmpty() || id > opened.get(opened.size() - 1))) {
      opened.add(id); // a lower id than the last is not a new stream: its order is the checks' finding
      StreamView first = model.stream(id);
      if (requireCooperation && opened.size() == 1 && first != null
          && first.requestHeaders().stream().noneMatch(h -> h.name().equals("h2h-version"))) {
        uncooperative = true;
      }
    }
    boolean requestDone = (f instanceof Frame.Headers || f instanceof Frame.Data) && f.hasFlag(dev.h2harness.frame.Flags.END_STREAM);
    int logical = 2 * opened.indexOf(id) + 1;
    StreamView v = model.stream(id);
    if (requestDone && logical > 0 && !scriptedAnswers.contains(logical) && v != null && v.status() < 0
        && v.peerResetCode() < 0) {
      byte[] text = ("ok\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      List<dev.h2harness.hpack.HeaderField> fields = List.of(
          dev.h2harness.hpack.HeaderField.of(":status", "200"),
          dev.h2harness.hpack.HeaderField.of("content-length", Integer.toString(text.length)));
      write(FrameWriter.writeLenient(Frame.Headers.of(id, Bytes.wrap(encoder.encode(fields)), false)));
      write(FrameWriter.writeLenient(Frame.Data.of(id, Bytes.wrap(text), true)));
    }
  }

  /** Server role: the upload of a stream whose request path starts with {@code /h2h/client-log} is kept. */
  private void keepLogUpload(Frame f) {
    if (f instanceof Frame.Headers && !collected.containsKey(f.streamId())) {
      StreamView v = model.stream(f.streamId());
      String path = v == null ? null : v.requestHeaders().stream().filter(h -> h.name().equals(":path"))
          .map(h -> h.value()).findFirst().orElse(null);
      if (path != null && path.startsWith("/h2h/client-log")) collected.put(f.streamId(), new ByteArrayOutputStream());
    }
  }

  private boolean ended(int streamId) {
    StreamView v = model.stream(streamId);
    return v != null && v.ended();
  }

  private boolean headersSeen(int streamId) {
    StreamView v = model.stream(streamId);
    return v != null && !v.responseHeaders().isEmpty();
  }

  private long bodyBytes(int streamId) {
    StreamView v = model.stream(streamId);
    return v == null ? 0 : v.bodyBytes();
  }

  /**
   * Reads until {@code done} holds; returns null then, or why not. Time is judged twice: the wait
   * fails after {@code timeoutMillis} without an octet from the target (idleness), and the whole
   * run fails when its budget is spent, however steadily the target dribbles.
   */
  private StepFailure await(BooleanSupplier done, String what, java.util.function.Supplier<String> arrived) throws IOException {
    long began = System.nanoTime();
    long octetsBefore = capture.total(Capture.Direction.FROM_TARGET);
    while (!done.getAsBoolean()) {
      if (violation != null) return new StepFailure.Violation(violation);
      if (uncooperative) return new StepFailure.ExpectationFailed(UNCOOPERATIVE);
      if (closed) return new StepFailure.TargetClosed("the target closed the connection while the peer waited for " + what);
      long now = System.nanoTime();
      long idleLeft = (Math.max(lastArrival, began) + timeoutMillis * 1_000_000L - now) / 1_000_000L;
      long budgetLeft = (runDeadline - now) / 1_000_000L;
      if (budgetLeft <= 0) {
        return new StepFailure.BudgetSpent(arrived.get() + " when the scenario budget of " + budgetMillis
            + " ms ran out, waiting for " + what + " (" + (capture.total(Capture.Direction.FROM_TARGET) - octetsBefore)
            + " octets arrived during the wait)");
      }
      if (idleLeft <= 0) {
        long during = capture.total(Capture.Direction.FROM_TARGET) - octetsBefore;
        return new StepFailure.Idle(arrived.get() + " after " + timeoutMillis + " ms idle, waiting for " + what
            + (during == 0 ? " (nothing arrived during the wait)" : " (" + during + " octets arrived during the wait)"));
      }
      long left = Math.min(idleLeft, budgetLeft);
      int wait = flow.topUpWhenStalled() ? (int) Math.min(left, FlowPolicy.STALL_MILLIS) : (int) left;
      if (!readOnce(wait) && !closed) {
        if (transport.synchronous()) return new StepFailure.Idle("nothing more arrives while the peer waits for " + what);
        long quiet = System.nanoTime() - Math.max(lastArrival, lastTopUp);
        if (flow.topUpWhenStalled() && quiet >= FlowPolicy.STALL_MILLIS * 1_000_000L) {
          topUp();
        }
      }
    }
    return null;
  }

  /** What stream {@code id} has carried so far, for a timeout's message. */
  private String progress(int id) {
    StreamView v = model.stream(id);
    if (v == null) return "stream " + id + ": nothing";
    // A client target sends request headers, which carry no :status.
    String head = !v.targetHeadersSeen() ? (model.targetIsServer() ? "no response headers" : "no request headers")
        : v.status() >= 0 ? ":status " + v.status() : "request headers";
    String body = v.bodyBytes() + (v.contentLength() >= 0 ? " of " + v.contentLength() : "") + " body octets";
    return "stream " + id + ": " + head + ", " + body;
  }

  /** Why reading failed when the connection did not end with an orderly EOF (e.g. a reset), or null. */
  public String closeReason() {
    return closeReason;
  }

  /** The connection error that ended the run, or null. */
  public ConnectionError violation() {
    return violation;
  }

  private void pumpFor(int millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (!closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) return;
      if (!readOnce((int) left) && transport.synchronous()) return;
    }
  }

  /** Reads once; true when bytes arrived. */
  private boolean readOnce(int waitMillis) throws IOException {
    flush();
    if (closed) return false;
    int n;
    try {
      n = transport.read(buf, waitMillis);
    } catch (IOException e) {
      closeReason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      n = -1;
    }
    if (n < 0) {
      closed = true;
      return false;
    }
    if (n == 0) return false;
    lastArrival = System.nanoTime();
    capture.record(Capture.Direction.FROM_TARGET, buf, 0, n);
    model.fromTarget(buf, 0, n);
    if (model.connectionError().isPresent()) {
      goAwayAndClose(model.connectionError().get());
      return true;
    }
    replenish();
    return true;
  }

  /** RFC 9113 §5.4.1: a connection error is answered with GOAWAY, then the connection is closed. */
  private void goAwayAndClose(ConnectionError e) {
    flush();
    violation = e;
    try {
      // The peer has processed no stream the target opened: last-stream-id 0.
      byte[] goAway = FrameWriter.write(new Frame.GoAway(0, 0, 0, e.code(), Bytes.EMPTY));
      transport.write(goAway, 0, goAway.length);
      capture.record(Capture.Direction.TO_TARGET, goAway, 0, goAway.length);
      model.fromPeer(goAway, 0, goAway.length);
    } catch (IOException | RuntimeException ignored) {
      // The target may already be gone; the verdict does not depend on it.
    }
    closed = true;
    try {
      transport.close();
    } catch (IOException ignored) {
      // Closing is best effort.
    }
  }

  private void onTargetEvent(ReadEvent e) {
    if (!(e instanceof ReadEvent.FrameRead fr)) return;
    Frame f = fr.frame();
    framesSeen++;
    if (awaitingFrame.isPresent() && awaitingFrame.get().matches(f)) awaitMatched = true;
    if (awaitingAck.isPresent() && awaitingAck.getAsInt() == f.typeCode() && f.hasFlag(dev.h2harness.frame.Flags.ACK)) {
      ackSeen = true;
    }
    try {
      if (opened != null) {
        keepLogUpload(f);
        serve(f);
      }
      if (f instanceof Frame.Settings s && !s.isAck()) {
        write(FrameWriter.write(Frame.Settings.ack()));
      } else if (f instanceof Frame.Ping p) {
        if (p.isAck()) pingAck = p.opaque();
        else write(FrameWriter.write(Frame.Ping.of(p.opaque(), true)));
      } else if (f instanceof Frame.Data d) {
        ByteArrayOutputStream keep = collected.get(d.streamId());
        if (keep != null && keep.size() < MAX_COLLECTED) {
          keep.write(d.data().toArray(), 0, Math.min(d.data().length(), MAX_COLLECTED - keep.size()));
        }
      }
    } catch (IOException ex) {
      closed = true;
    }
  }

  /**
   * {@link FlowPolicy}: credit goes back only to windows the target has used up. All the
   * WINDOW_UPDATEs one read calls for go out in one write.
   */
  private void replenish() throws IOException {
    if (closed) return;
    // Server role: a client's window depends on whether it has applied the harness's SETTINGS; credit
    // waits for its ACK, so that the increments do not depend on when the ACK arrives.
    if (opened != null && model.targetSettingsAcks() < model.peerSettingsSent()) return;
    ByteArrayOutputStream updates = new ByteArrayOutputStream();
    if (flow.connectionIncrement() > 0 && model.connectionWindow() <= 0) {
      long inc = flow.connectionIncrement() - model.connectionWindow();
      updates.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(0, (int) Math.min(inc, Integer.MAX_VALUE))));
    }
    if (flow.streamIncrement() > 0) {
      for (StreamView v : model.streams()) {
        if (!v.ended() && model.streamWindow(v.id()) <= 0) {
          long inc = flow.streamIncrement() - model.streamWindow(v.id());
          updates.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(v.id(), (int) Math.min(inc, Integer.MAX_VALUE))));
        }
      }
    }
    if (updates.size() > 0) write(updates.toByteArray());
  }

  /** A stalled target gets the windows of its live streams opened to at least the initial window. */
  private void topUp() throws IOException {
    lastTopUp = System.nanoTime();
    int floor = Math.max(SettingsParameter.DEFAULT_WINDOW, Math.max(flow.streamIncrement(), flow.connectionIncrement()));
    for (StreamView v : model.streams()) {
      if (!v.ended()) credit(v.id(), floor);
    }
  }

  private void credit(int streamId, int minimum) throws IOException {
    long conn = model.connectionWindow();
    if (conn < minimum) {
      write(FrameWriter.write(Frame.WindowUpdate.of(0, (int) (minimum - conn))));
    }
    long stream = model.streamWindow(streamId);
    if (stream < minimum) {
      write(FrameWriter.write(Frame.WindowUpdate.of(streamId, (int) (minimum - stream))));
    }
  }

  /**
   * Queues octets for the target. Consecutive sending steps go out in one write (a flood of 20,000
   * frames is a few writes, not 20,000): the queue is flushed before every read and when it is large.
   */
  private void write(byte[] bytes) throws IOException {
    if (closed) return;
    capture.record(Capture.Direction.TO_TARGET, bytes, 0, bytes.length);
    model.fromPeer(bytes, 0, bytes.length);
    pending.writeBytes(bytes);
    if (pending.size() >= FLUSH_AT) flush();
  }

  private void flush() {
    if (pending.size() == 0) return;
    byte[] all = pending.toByteArray();
    pending.reset();
    if (closed) return;
    try {
      transport.write(all, 0, all.length);
    } catch (IOException e) {
      closed = true;
    }
  }
}
