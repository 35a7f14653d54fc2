package dev.h2harness.fuzz;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.SettingsParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing {@link FuzzCase}: greedily tries simpler cases (fewer streams, shorter
 * scripts, smaller bodies, no chunking, padding or trailers, default SETTINGS) and keeps each one
 * that still fails, until none does. Bounded by a number of attempts.
 */
public final class Shrinker {
  private final Predicate<FuzzCase> fails;
  private final int maxAttempts;
  private int attempts;

  public Shrinker(Predicate<FuzzCase> fails, int maxAttempts) {
    this.fails = fails;
    this.maxAttempts = maxAttempts;
  }

  public FuzzCase shrink(FuzzCase failing) {
    FuzzCase best = failing;
    boolean progress = true;
    while (progress && attempts < maxAttempts) {
      progress = false;
      for (FuzzCase candidate : candidates(best)) {
        if (attempts >= maxAttempts) break;
        attempts++;
        if (fails.test(candidate)) {
          best = candidate;
          progress = true;
          break;
        }
      }
    }
    return best;
  }

  public int attempts() {
    return attempts;
  }

  /** Simpler neighbours of {@code c}, simplest first. */
  static List<FuzzCase> candidates(FuzzCase c) {
    List<FuzzCase> out = new ArrayList<>();
    List<ControlHeaders> streams = c.streams();
    for (int i = 0; streams.size() > 1 && i < streams.size(); i++) {
      List<ControlHeaders> fewer = new ArrayList<>(streams);
      fewer.remove(i);
      out.add(new FuzzCase(c.initialWindow(), c.maxFrameSize(), c.streamCredit(), fewer));
    }
    int frame = SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
    int window = SettingsParameter.DEFAULT_WINDOW;
    if (c.maxFrameSize() != frame) out.add(new FuzzCase(c.initialWindow(), frame, c.streamCredit(), streams));
    if (c.initialWindow() != window) out.add(new FuzzCase(window, c.maxFrameSize(), window, streams));
    if (c.streamCredit() != c.initialWindow() && c.initialWindow() > 0) {
      out.add(new FuzzCase(c.initialWindow(), c.maxFrameSize(), c.initialWindow(), streams));
    }
    for (int i = 0; i < streams.size(); i++) {
      for (ControlHeaders simpler : simpler(streams.get(i))) {
        List<ControlHeaders> copy = new ArrayList<>(streams);
        copy.set(i, simpler);
        out.add(new FuzzCase(c.initialWindow(), c.maxFrameSize(), c.streamCredit(), copy));
      }
    }
    return out;
  }

  private static List<ControlHeaders> simpler(ControlHeaders s) {
    List<ControlHeaders> out = new ArrayList<>();
    List<SendDataOutcome> script = s.sendData();
    for (int i = script.size() - 1; i >= 0; i--) {
      List<SendDataOutcome> shorter = new ArrayList<>(script);
      shorter.remove(i);
      out.add(new ControlHeaders(s.body(), s.chunk(), s.pad(), shorter, s.trailers()));
    }
    for (int i = 0; i < script.size(); i++) {
      if (script.get(i) != SendDataOutcome.OK && !script.get(i).label().equals("ok")) {
        List<SendDataOutcome> okd = new ArrayList<>(script);
        okd.set(i, SendDataOutcome.OK);
        out.add(new ControlHeaders(s.body(), s.chunk(), s.pad(), okd, s.trailers()));
      }
    }
    if (s.trailers()) out.add(new ControlHeaders(s.body(), s.chunk(), s.pad(), script, false));
    if (s.chunk() > 0) out.add(new ControlHeaders(s.body(), 0, s.pad(), script, s.trailers()));
    if (s.pad() >= 0) out.add(new ControlHeaders(s.body(), s.chunk(), -1, script, s.trailers()));
    if (s.pad() == ControlHeaders.PAD_MAX) out.add(new ControlHeaders(s.body(), s.chunk(), 0, script, s.trailers()));
    for (long b : new long[] {0, 1, s.body() / 2, s.body() - 1}) {
      if (b >= 0 && b < s.body()) out.add(new ControlHeaders(b, s.chunk(), s.pad(), script, s.trailers()));
    }
    return out;
  }
}
