package dev.h2harness.fuzz;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.session.NgError;
import dev.h2harness.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates {@link FuzzCase}s from a seed, biased toward the values where framing changes: bodies
 * around the default frame size and the initial window, windows of 0, 1 and 100, padding 0, 1, 2,
 * 255, 256 and max.
 * A case whose script can end the connection has one stream, so that every stream's outcome is
 * independent of how the target interleaves streams.
 */
public final class CaseGenerator {
  private static final int FRAME = SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
  private static final int WINDOW = SettingsParameter.DEFAULT_WINDOW;
  private static final long[] BODY_EDGES = {0, 1, 2, 255, 256, FRAME - 1, FRAME, FRAME + 1, 2 * FRAME, WINDOW, WINDOW + 1,
      100_000};
  private static final int[] WINDOW_EDGES = {0, 1, 100, 256, FRAME - 1, FRAME, WINDOW};
  private static final int[] PAD_EDGES = {0, 1, 2, 255, 256};
  /** Most DATA frames a generated stream may take: keeps a case to milliseconds on loopback. */
  static final int MAX_FRAMES = 400;
  private static final String[] NAMED = {"ok", "ok", "ok", "wouldblock", "pause", "temporal-failure", "callback-failure"};

  private final SplittableRandom random;
  private final int maxStreams;
  private final long maxBody;

  public CaseGenerator(long seed, int maxStreams) {
    this(seed, maxStreams, Long.MAX_VALUE);
  }

  /** @param maxBody the largest body a stream asks for (small bodies: many scenarios a second) */
  public CaseGenerator(long seed, int maxStreams, long maxBody) {
    this.random = new SplittableRandom(seed);
    this.maxStreams = maxStreams;
    this.maxBody = maxBody;
  }

  public FuzzCase next() {
    int window = random.nextInt(4) == 0 ? WINDOW_EDGES[random.nextInt(WINDOW_EDGES.length)]
        : random.nextInt(2) == 0 ? SettingsParameter.DEFAULT_WINDOW : 1 + random.nextInt(1 << 20);
    SettingsParameter mfs = SettingsParameter.MAX_FRAME_SIZE;
    int maxFrame = random.nextInt(3) == 0 ? (int) (mfs.min + random.nextInt((int) (mfs.max - mfs.min + 1))) : (int) mfs.min;
    int credit = window > 0 && random.nextBoolean() ? window : 1 + random.nextInt(random.nextBoolean() ? 100 : 70_000);
    List<ControlHeaders> streams = new ArrayList<>();
    int n = 1 + random.nextInt(maxStreams);
    for (int i = 0; i < n; i++) {
      ControlHeaders s = bounded(stream(n == 1), window, credit);
      if (s.body() > maxBody) s = new ControlHeaders(maxBody, s.chunk(), s.pad(), s.sendData(), s.trailers());
      if (s.endsConnection() && n > 1) s = new ControlHeaders(s.body(), s.chunk(), s.pad(), withoutFatal(s.sendData()), s.trailers());
      streams.add(s);
    }
    return new FuzzCase(window, maxFrame, credit, streams);
  }

  private ControlHeaders stream(boolean mayBeFatal) {
    long body = random.nextInt(3) == 0 ? BODY_EDGES[random.nextInt(BODY_EDGES.length)]
        : random.nextInt(8) == 0 ? random.nextLong(1 << 20) + 1 : random.nextLong(40_000);
    int chunk = random.nextInt(3) == 0 ? 1 + random.nextInt(random.nextBoolean() ? 50 : 20_000) : 0;
    int r = random.nextInt(8);
    int pad = r < 3 ? -1 : r == 3 ? ControlHeaders.PAD_MAX : r == 4 ? random.nextInt(300)
        : PAD_EDGES[random.nextInt(PAD_EDGES.length)];
    List<SendDataOutcome> script = new ArrayList<>();
    int len = random.nextInt(3) == 0 ? 0 : random.nextInt(8);
    for (int i = 0; i < len; i++) {
      String item = random.nextInt(20) == 0 && mayBeFatal ? Integer.toString(arbitraryInt())
          : NAMED[random.nextInt(NAMED.length)];
      if (!mayBeFatal && item.equals("callback-failure")) item = "ok";
      script.add(SendDataOutcome.parse(item));
    }
    return new ControlHeaders(body, chunk, pad, script, random.nextInt(5) == 0);
  }

  static ControlHeaders bounded(ControlHeaders s, int window, int credit) {
    return bounded(s, window, credit, MAX_FRAMES);
  }

  /**
   * Caps the body so the stream needs at most {@code maxFrames} DATA frames (or window round
   * trips), given the peer's initial window, its window credit and the stream's read chunk.
   */
  public static ControlHeaders bounded(ControlHeaders s, int window, int credit, int maxFrames) {
    // contract §1.2: a DATA frame carries at most DATA_PAYLOADLEN octets.
    long perFrame = Math.min(Session.DATA_PAYLOADLEN, Math.max(1, Math.min(window > 0 ? window : credit, credit)));
    if (s.chunk() > 0) perFrame = Math.min(perFrame, s.chunk());
    long cap = perFrame * maxFrames;
    return s.body() <= cap ? s : new ControlHeaders(cap, s.chunk(), s.pad(), s.sendData(), s.trailers());
  }

  private int arbitraryInt() {
    return switch (random.nextInt(4)) {
      case 0 -> -1;
      case 1 -> 1;
      case 2 -> -100_000;
      default -> {
        int v = random.nextInt();
        // Named codes as bare integers would script a frame counted as sent but never written.
        yield !NgError.isFatalSendDataReturn(v) ? -2 : v;
      }
    };
  }

  private static List<SendDataOutcome> withoutFatal(List<SendDataOutcome> script) {
    return script.stream().map(o -> o.isFatal() ? SendDataOutcome.OK : o)
        .toList();
  }
}
