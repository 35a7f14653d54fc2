package dev.h2harness.bench;

import dev.h2harness.TestRequests;
import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Rules;
import dev.h2harness.scenario.ControlBodies;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the checks on a captured response of 16 KiB DATA frames with body integrity on
 * ({@code h2h-body}), against the frame reader alone on the same bytes. One operation is one MiB of
 * body, so the score reads in MiB/s (the wire carries 9 header octets per 16 KiB more).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CheckThroughputBench {
  static final int MIB = 64;
  static final int BODY = MIB << 20;
  static final int FRAME = 16384;
  static final int READ = 65536;

  byte[] peer;
  byte[] target;

  @Setup public void capture() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
    p.writeBytes(FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 0x7fffffff))));
    p.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(0, SettingsParameter.MAX_WINDOW - SettingsParameter.DEFAULT_WINDOW)));
    p.writeBytes(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(new HpackEncoder().encode(
        TestRequests.request("GET", "bench", "/", new HeaderField("h2h-body", Integer.toString(BODY))))), true)));
    peer = p.toByteArray();

    ByteArrayOutputStream t = new ByteArrayOutputStream(BODY + BODY / 1000);
    t.writeBytes(FrameWriter.write(Frame.Settings.of()));
    t.writeBytes(FrameWriter.write(Frame.Settings.ack()));
    t.writeBytes(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(new HpackEncoder().encode(List.of(
        new HeaderField(":status", "200"), new HeaderField("content-length", Integer.toString(BODY))))), false)));
    byte[] chunk = new byte[FRAME];
    for (int at = 0; at < BODY; at += FRAME) {
      for (int i = 0; i < FRAME; i++) {
        chunk[i] = (byte) ((at + i) % 251);
      }
      t.writeBytes(FrameWriter.write(Frame.Data.of(1, Bytes.wrap(chunk.clone()), at + FRAME == BODY)));
    }
    target = t.toByteArray();
    ConnectionModel m = check();
    if (!m.findings().isEmpty() || m.stream(1).bodyBytes() != BODY || !m.stream(1).endStreamSeen()) {
      throw new IllegalStateException("the bench capture is not clean: " + m.findings());
    }
  }

  @Benchmark @OperationsPerInvocation(MIB)
  public ConnectionModel model() {
    return check();
  }

  @Benchmark @OperationsPerInvocation(MIB)
  public long readerOnly() {
    long[] frames = {0};
    FrameReader r = new FrameReader(false, FrameReader.DEFAULT_MAX_FRAME_SIZE, e -> frames[0]++);
    for (int off = 0; off < target.length; off += READ) {
      r.feed(target, off, Math.min(READ, target.length - off));
    }
    r.finish();
    return frames[0];
  }

  private ConnectionModel check() {
    ConnectionModel m = new ConnectionModel(true, Rules.standard(), null, ControlBodies.fromRequests(true));
    m.fromPeer(peer, 0, peer.length);
    for (int off = 0; off < target.length; off += READ) {
      m.fromTarget(target, off, Math.min(READ, target.length - off));
    }
    m.finish();
    return m;
  }

  /** Runs both benchmarks and prints the ratio of the model's throughput to the reader's. */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(CheckThroughputBench.class.getSimpleName()).forks(1).warmupIterations(2).measurementIterations(3)
        .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
        .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1)).build()).run();
    double model = 0;
    double reader = 0;
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      if (r.getParams().getBenchmark().endsWith("model")) {
        model = score;
      } else {
        reader = score;
      }
    }
    System.out.printf("model %.0f MiB/s, reader alone %.0f MiB/s, ratio %.2f%n", model, reader, model / reader);
  }
}
