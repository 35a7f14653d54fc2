package dev.h2harness.peer;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.StreamView;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final FlowPolicy flow;
  private final HpackEncoder encoder = new HpackEncoder();
  private final byte[] buf = new byte[64 * 1024];
  private final Map<Integer, ByteArrayOutputStream> collected = new HashMap<>();
  private boolean closed;
  private long lastArrival = System.nanoTime();
  private long framesSeen;
  private int awaitType = -2;
  private int awaitStream = -2;
  private boolean awaitMatched;
  private Bytes pingAck;

  public ScriptedPeer(Transport transport, ConnectionModel model, Capture capture, int timeoutMillis, FlowPolicy flow) {
    this.transport = transport;
    this.model = model;
    this.capture = capture;
    this.timeoutMillis = timeoutMillis;
    this.flow = flow;
    model.onTargetEvent(this::onTargetEvent);
  }

  /** Runs the preface and {@code steps}; never throws for what the target does. */
  public PeerResult run(boolean sendPreface, List<PeerStep> steps) {
    long began = System.nanoTime();
    try {
      if (sendPreface) {
        write(FrameReader.CLIENT_PREFACE.toArray());
      }
      for (int i = 0; i < steps.size(); i++) {
        String failure = runStep(steps.get(i));
        if (failure != null) {
          PeerResult.Outcome outcome = closed ? PeerResult.Outcome.CLOSED
              : failure.startsWith("expectation:") ? PeerResult.Outcome.EXPECTATION : PeerResult.Outcome.TIMEOUT;
          return finish(outcome, i, failure.replaceFirst("^expectation: ", ""), began);
        }
      }
      return finish(PeerResult.Outcome.COMPLETED, steps.size(), "", began);
    } catch (IOException e) {
      closed = true;
      return finish(PeerResult.Outcome.CLOSED, -1, "connection failed: " + e.getMessage(), began);
    }
  }

  private PeerResult finish(PeerResult.Outcome outcome, int step, String detail, long began) {
    if (closed) model.targetClosed();
    model.finish();
    Map<Integer, byte[]> bodies = new HashMap<>();
    collected.forEach((id, b) -> bodies.put(id, b.toByteArray()));
    return new PeerResult(outcome, step, detail, bodies, System.nanoTime() - began);
  }

  /** Null when the step succeeded, else why not (a timeout, a closed connection, an expectation). */
  private String runStep(PeerStep step) throws IOException {
    if (step instanceof PeerStep.Settings s) {
      write(FrameWriter.writeLenient(new Frame.Settings(0, 0, s.settings())));
    } else if (step instanceof PeerStep.Request r) {
      if (r.collect()) collected.put(r.streamId(), new ByteArrayOutputStream());
      byte[] block = encoder.encode(r.fields());
      write(FrameWriter.writeLenient(Frame.Headers.of(r.streamId(), Bytes.wrap(block), r.endStream())));
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
      return await(() -> opaque.equals(pingAck), "PING ACK");
    } else if (step instanceof PeerStep.WaitStream w) {
      return await(() -> ended(w.streamId()), "the end of stream " + w.streamId());
    } else if (step instanceof PeerStep.WaitBody w) {
      return await(() -> bodyBytes(w.streamId()) >= w.bytes(), w.bytes() + " body octets on stream " + w.streamId());
    } else if (step instanceof PeerStep.WaitFrame w) {
      awaitType = w.type();
      awaitStream = w.streamId();
      awaitMatched = false;
      String r = await(() -> awaitMatched,
          "a " + (w.type() < 0 ? "frame" : FrameType.nameOf(w.type())) + (w.streamId() < 0 ? "" : " on stream " + w.streamId()));
      awaitType = -2;
      return r;
    } else if (step instanceof PeerStep.Credit c) {
      credit(c.streamId(), c.minimum());
    } else if (step instanceof PeerStep.ExpectClose) {
      String r = await(() -> closed, "the connection to close");
      return r == null ? null : "expectation: the target kept the connection open for " + timeoutMillis + " ms";
    } else if (step instanceof PeerStep.ExpectSilence s) {
      long before = capture.total(Capture.Direction.FROM_TARGET);
      pumpFor(s.millis());
      long got = capture.total(Capture.Direction.FROM_TARGET) - before;
      return got == 0 ? null : "expectation: the target sent " + got + " octets during " + s.millis() + " ms of expected silence";
    } else if (step instanceof PeerStep.Sleep s) {
      pumpFor(s.millis());
    }
    return closed && !(step instanceof PeerStep.Sleep) ? "the target closed the connection" : null;
  }

  private boolean ended(int streamId) {
    StreamView v = model.stream(streamId);
    return v != null && (v.endStreamSeen() || v.targetResetCode() >= 0 || v.peerResetCode() >= 0);
  }

  private long bodyBytes(int streamId) {
    StreamView v = model.stream(streamId);
    return v == null ? 0 : v.bodyBytes();
  }

  /** Reads until {@code done} holds; returns null then, or why it did not happen in time. */
  private String await(BooleanSupplier done, String what) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!done.getAsBoolean()) {
      if (closed) return "the target closed the connection while the peer waited for " + what;
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) return "timed out after " + timeoutMillis + " ms waiting for " + what;
      int wait = flow.topUpWhenStalled() ? (int) Math.min(left, FlowPolicy.STALL_MILLIS) : (int) left;
      if (!readOnce(wait) && !closed) {
        if (transport.synchronous()) return "nothing more arrives while the peer waits for " + what;
        if (flow.topUpWhenStalled() && System.nanoTime() - lastArrival >= FlowPolicy.STALL_MILLIS * 1_000_000L) {
          topUp();
        }
      }
    }
    return null;
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
    int n;
    try {
      n = transport.read(buf, waitMillis);
    } catch (IOException e) {
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
    replenish();
    return true;
  }

  private void onTargetEvent(ReadEvent e) {
    if (!(e instanceof ReadEvent.FrameRead fr)) return;
    Frame f = fr.frame();
    framesSeen++;
    if (awaitType != -2 && (awaitType < 0 || awaitType == f.typeCode())
        && (awaitStream < 0 || awaitStream == f.streamId())) {
      awaitMatched = true;
    }
    try {
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
    ByteArrayOutputStream updates = new ByteArrayOutputStream();
    if (flow.connectionIncrement() > 0 && model.connectionWindow() <= 0) {
      long inc = flow.connectionIncrement() - model.connectionWindow();
      updates.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(0, (int) Math.min(inc, Integer.MAX_VALUE))));
    }
    if (flow.streamIncrement() > 0) {
      for (StreamView v : model.streams()) {
        if (isLive(v) && model.streamWindow(v.id()) <= 0) {
          long inc = flow.streamIncrement() - model.streamWindow(v.id());
          updates.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(v.id(), (int) Math.min(inc, Integer.MAX_VALUE))));
        }
      }
    }
    if (updates.size() > 0) write(updates.toByteArray());
  }

  /** A stalled target gets the windows of its live streams opened to at least 65535. */
  private void topUp() throws IOException {
    lastArrival = System.nanoTime();
    int floor = Math.max(65535, Math.max(flow.streamIncrement(), flow.connectionIncrement()));
    for (StreamView v : model.streams()) {
      if (isLive(v)) credit(v.id(), floor);
    }
  }

  /** A stream the target may still send DATA on. */
  private static boolean isLive(StreamView v) {
    return v.targetResetCode() < 0 && v.peerResetCode() < 0 && !v.endStreamSeen();
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

  private void write(byte[] bytes) throws IOException {
    if (closed) return;
    try {
      transport.write(bytes, 0, bytes.length);
    } catch (IOException e) {
      closed = true;
      return;
    }
    capture.record(Capture.Direction.TO_TARGET, bytes, 0, bytes.length);
    model.fromPeer(bytes, 0, bytes.length);
  }
}
