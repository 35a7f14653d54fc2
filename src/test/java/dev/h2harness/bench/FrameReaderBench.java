package dev.h2harness.bench;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * FrameReader throughput. One operation reads a whole prepared stream, fed in 64 KiB pieces:
 * {@code data16k} is 64 DATA frames of 16 KiB (about 1 MiB), {@code small} is 65536 frames
 * alternating PING (17 octets) and WINDOW_UPDATE (13 octets). The {@code arraycopy*} baselines copy
 * the same stream in the same pieces, so reader figures can be given as a fraction of memcpy.
 * The auxiliary counters {@code bytes} and {@code frames} are reported per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameReaderBench {
  static final int PIECE = 64 * 1024;
  static final int DATA_FRAMES = 64;
  static final int SMALL_FRAMES = 65536;

  byte[] dataStream;
  byte[] smallStream;
  byte[] copyTarget;

  /** Octets and frames consumed, reported by JMH as rates. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long bytes;
    public long frames;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      frames = 0;
    }
  }

  @Setup
  public void prepare() {
    Random random = new Random(42);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int i = 0; i < DATA_FRAMES; i++) {
      byte[] payload = new byte[16384];
      random.nextBytes(payload);
      data.writeBytes(FrameWriter.write(Frame.Data.of(1 + 2 * (i % 8), Bytes.wrap(payload), false)));
    }
    dataStream = data.toByteArray();
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    byte[] opaque = new byte[8];
    for (int i = 0; i < SMALL_FRAMES; i++) {
      if (i % 2 == 0) {
        random.nextBytes(opaque);
        small.writeBytes(FrameWriter.write(Frame.Ping.of(Bytes.of(opaque), (i & 2) != 0)));
      } else {
        small.writeBytes(FrameWriter.write(Frame.WindowUpdate.of(i % 101, 1 + random.nextInt(1 << 20))));
      }
    }
    smallStream = small.toByteArray();
    copyTarget = new byte[Math.max(dataStream.length, smallStream.length)];
  }

  private static int read(byte[] stream, Blackhole bh) {
    FrameReader reader = new FrameReader(false, FrameReader.DEFAULT_MAX_FRAME_SIZE, bh::consume);
    for (int off = 0; off < stream.length; off += PIECE) {
      reader.feed(stream, off, Math.min(PIECE, stream.length - off));
    }
    reader.finish();
    return reader.frameCount();
  }

  private void copy(byte[] stream, Blackhole bh) {
    for (int off = 0; off < stream.length; off += PIECE) {
      System.arraycopy(stream, off, copyTarget, off, Math.min(PIECE, stream.length - off));
    }
    bh.consume(copyTarget);
  }

  @Benchmark
  public void data16k(Counters c, Blackhole bh) {
    c.frames += read(dataStream, bh);
    c.bytes += dataStream.length;
  }

  @Benchmark
  public void small(Counters c, Blackhole bh) {
    c.frames += read(smallStream, bh);
    c.bytes += smallStream.length;
  }

  @Benchmark
  public void arraycopyData16k(Counters c, Blackhole bh) {
    copy(dataStream, bh);
    c.bytes += dataStream.length;
  }

  @Benchmark
  public void arraycopySmall(Counters c, Blackhole bh) {
    copy(smallStream, bh);
    c.bytes += smallStream.length;
  }
}
