package dev.h2harness.bench;

import dev.h2harness.TestRequests;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.ControlledServer;
import dev.h2harness.control.OutputSink;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.RawFrame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.session.Session;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Small generated scenarios checked per second, in process, on one thread: each is a fresh
 * {@link ControlledServer} fed a client's bytes (preface, SETTINGS, WINDOW_UPDATE, one GET with
 * control headers: body 0..64 KiB, chunk, pad, a short send-data script), driven with send() to
 * completion, its output captured, parsed with {@link FrameReader} and checked (DATA layout,
 * padding octets, END_STREAM, the body against the pattern): the property checks in cheap form.
 *
 * <p>{@code parseOnly} runs FrameReader alone over the same captured bytes: the baseline, so the
 * figure can be reported as a ratio. Run (surefire excludes this package):
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main ScenarioThroughputBench -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScenarioThroughputBench {
  static final int SCENARIOS = 1024;
  static final int MAX_SEND_CALLS = 64;

  /** One scenario: the client's bytes and what the checks expect of the answer. */
  record Scenario(byte[] clientBytes, ControlHeaders control) {}

  Scenario[] scenarios;
  byte[][] captured;
  int next;
  final CaptureSink sink = new CaptureSink();
  final FrameChecker checker = new FrameChecker();

  @Setup
  public void setup() {
    Random rnd = new Random(20240611);
    scenarios = new Scenario[SCENARIOS];
    captured = new byte[SCENARIOS][];
    for (int i = 0; i < SCENARIOS; i++) {
      scenarios[i] = generate(rnd);
      int total = runAndCheck(scenarios[i]);
      if (total < 0) throw new IllegalStateException("scenario " + i + " failed its own checks: " + scenarios[i].control());
      captured[i] = Arrays.copyOf(sink.buf, sink.len);
    }
  }

  static Scenario generate(Random rnd) {
    int r = rnd.nextInt(10);
    long body = r < 5 ? rnd.nextInt(1025) : r < 8 ? rnd.nextInt(16385) : rnd.nextInt(65537);
    int chunk = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(20_000) : 0;
    int p = rnd.nextInt(4);
    int pad = p == 0 ? -1 : p == 1 ? rnd.nextInt(257) : p == 2 ? ControlHeaders.PAD_MAX : 0;
    List<SendDataOutcome> script = new ArrayList<>();
    String[] labels = {"ok", "ok", "wouldblock", "pause"};
    for (int k = rnd.nextInt(4); k > 0; k--) script.add(SendDataOutcome.parse(labels[rnd.nextInt(labels.length)]));
    ControlHeaders control = new ControlHeaders(body, chunk, pad, script, false);

    List<HeaderField> fields = TestRequests.request("GET", "bench", "/", control.toFields().toArray(HeaderField[]::new));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
    out.writeBytes(FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 1 << 20))));
    out.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(0, 1 << 20)));
    out.writeBytes(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(new HpackEncoder().encode(fields)), true)));
    return new Scenario(out.toByteArray(), control);
  }

  /** Runs one scenario into {@link #sink}; returns the body octets checked, or -1 when a check fails. */
  int runAndCheck(Scenario s) {
    sink.len = 0;
    ControlledServer server = new ControlledServer(sink, -1);
    Session session = server.session();
    byte[] in = s.clientBytes();
    if (session.memReceive(in, 0, in.length) != in.length) return -1;
    for (int calls = 0; calls < MAX_SEND_CALLS && session.wantWrite(); calls++) {
      if (session.send() != 0) return -1;
    }
    if (session.wantWrite()) return -1;
    return checker.check(sink.buf, sink.len, s.control());
  }

  @Benchmark
  public int scenario() {
    return runAndCheck(scenarios[next++ & (SCENARIOS - 1)]);
  }

  @Benchmark
  public int parseOnly() {
    byte[] b = captured[next++ & (SCENARIOS - 1)];
    checker.frames = 0;
    FrameReader reader = new FrameReader(false, 16384, checker.counter);
    reader.feed(b, 0, b.length);
    return checker.frames;
  }

  /** The capture: everything the server writes, in order, never full. */
  static final class CaptureSink implements OutputSink {
    byte[] buf = new byte[1 << 17];
    int len;

    @Override public int room() {
      return Integer.MAX_VALUE;
    }

    @Override public void write(byte[] data, int offset, int length) {
      if (len + length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + length));
      System.arraycopy(data, offset, buf, len, length);
      len += length;
    }
  }

  /** The property checks in cheap form, over the server's captured output. */
  static final class FrameChecker implements Consumer<ReadEvent> {
    int frames;
    final Consumer<ReadEvent> counter = e -> frames++;
    private long body;
    private boolean ended;
    private boolean bad;
    private int pad;
    private final byte[] scratch = new byte[16384];

    int check(byte[] wire, int len, ControlHeaders control) {
      body = 0;
      ended = false;
      bad = false;
      pad = control.pad();
      FrameReader reader = new FrameReader(false, 16384, this);
      reader.feed(wire, 0, len);
      reader.finish();
      return bad || !ended || body != control.body() ? -1 : (int) body;
    }

    @Override public void accept(ReadEvent e) {
      if (!(e instanceof ReadEvent.FrameRead fr)) {
        bad |= !(e instanceof ReadEvent.PrefaceRead);
        return;
      }
      RawFrame raw = fr.raw();
      if (raw.header().type() != FrameType.DATA.code) return;
      int flags = raw.header().flags();
      Bytes p = raw.payload();
      // contract §1.4/§1.7: Pad Length octet, payload, zero padding; END_STREAM on the last frame only.
      int padLength = Flags.has(flags, Flags.PADDED) ? p.getUnsigned(0) : -1;
      int dataAt = padLength >= 0 ? 1 : 0;
      int dataLen = p.length() - dataAt - Math.max(0, padLength);
      if (ended || raw.header().streamId() != 1 || dataLen < 0 || (flags & ~(Flags.END_STREAM | Flags.PADDED)) != 0) {
        bad = true;
        return;
      }
      if (padLength > 0 && p.slice(p.length() - padLength, p.length()).indexOfNonZero() >= 0) bad = true;
      if (pad < 0 && padLength >= 0) bad = true; // no h2h-pad: never padded
      p.copyTo(scratch, 0); // one copy into a reused buffer, instead of a slice and an array per frame
      if (BodyPattern.mismatch(body, scratch, dataAt, dataLen) >= 0) bad = true;
      body += dataLen;
      ended = Flags.has(flags, Flags.END_STREAM);
    }
  }

  /** Runs every scenario once and prints the totals: a quick self-check without JMH. */
  public static void main(String[] args) {
    ScenarioThroughputBench b = new ScenarioThroughputBench();
    b.setup();
    long bytes = 0;
    for (byte[] c : b.captured) bytes += c.length;
    System.out.println(SCENARIOS + " scenarios pass their checks; " + bytes + " octets captured");
  }
}
