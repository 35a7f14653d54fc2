package dev.h2harness.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One attack against one target with a legitimate client beside it, on another loopback address:
 * the client's latency before (baseline), during, and in the second after the attack.
 */
public final class AttackRun {
  /** Attacks come from here; the legitimate client from 127.0.0.1. */
  public static final InetAddress ATTACKER = address(new byte[] {127, 0, 0, 2});
  public static final InetAddress CLIENT = address(new byte[] {127, 0, 0, 1});

  public record Result(Outcome outcome, LegitClient.Stats baseline, LegitClient.Stats during, LegitClient.Stats after) {}

  private AttackRun() {}

  /**
   * Runs {@code attack} once, then again on new connections, as an attacker who reconnects would,
   * until {@code repeatFor} has passed (each run bounded by {@code limit}).
   *
   * @param path what the legitimate client asks for
   * @param intervalMillis the legitimate client's pace
   */
  public static Result run(Attack attack, InetSocketAddress target, String path, Duration limit, Duration repeatFor,
                           long intervalMillis) throws IOException, InterruptedException {
    try (LegitClient legit = new LegitClient(target, CLIENT, path, intervalMillis, 5_000)) {
      legit.once(); // warms both ends: the baseline is not a first request's
      legit.start();
      Thread.sleep(Math.max(500, 10 * intervalMillis));
      LegitClient.Stats baseline = legit.take();
      long until = System.nanoTime() + repeatFor.toNanos();
      Outcome outcome = attack.run(target, ATTACKER, limit);
      while (System.nanoTime() - until < 0) {
        outcome = outcome.plus(attack.run(target, ATTACKER, limit));
      }
      LegitClient.Stats during = legit.take();
      Thread.sleep(1000);
      LegitClient.Stats after = legit.take();
      return new Result(outcome, baseline, during, after);
    }
  }

  private static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
