package dev.h2harness.attack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the attack table for two targets side by side (bench-dos.sh runs it against serve and
 * nghttpd): each attack, repeated on new connections for a while, with a legitimate client asking
 * for {@code GET /index.html} on a new connection every 200 ms from another loopback address.
 *
 * <pre>
 * java -cp target/test-classes:target/h2harness.jar dev.h2harness.attack.DosBench \
 *     NAME=127.0.0.1:PORT NAME=127.0.0.1:PORT [--seconds 5] [--scale 1] [--warmup 1]
 * </pre>
 */
public final class DosBench {
  private DosBench() {}

  public static void main(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    List<InetSocketAddress> targets = new ArrayList<>();
    int seconds = 5;
    int scale = 1;
    int warmup = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> {
          String[] nt = args[i].split("=", 2);
          String[] hp = nt[1].split(":");
          if (!hp[0].startsWith("127.")) throw new IllegalArgumentException("loopback targets only: " + nt[1]);
          names.add(nt[0]);
          targets.add(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        }
      }
    }
    // Every attack once against every target first, unmeasured: the JVM compiles its hot paths
    // (as bench-server.sh warms both servers up); a cold JVM would show its compiler, not its limits.
    for (Attack attack : Attack.catalogue(10 * scale)) {
      if (warmup <= 0 || attack instanceof Attack.IdlePreface) continue;
      for (InetSocketAddress target : targets) {
        AttackRun.run(attack, target, "/index.html", Duration.ofSeconds(warmup + 5L), Duration.ofSeconds(warmup), 100);
      }
    }
    System.err.println("bench-dos: warm-up done");
    StringBuilder table = new StringBuilder("| attack |");
    for (String n : names) table.append(' ').append(n).append(" |");
    table.append("\n|---|").append("---|".repeat(names.size())).append('\n');
    System.out.print(table);
    for (Attack attack : Attack.catalogue(scale)) {
      StringBuilder row = new StringBuilder("| " + attack.title() + " |");
      for (int t = 0; t < targets.size(); t++) {
        boolean idle = attack instanceof Attack.IdlePreface;
        Duration limit = Duration.ofSeconds(idle ? Math.max(seconds, 13) : seconds);
        Duration repeat = idle ? Duration.ZERO : Duration.ofSeconds(seconds);
        AttackRun.Result r = AttackRun.run(attack, targets.get(t), "/index.html", limit, repeat, 200);
        row.append(' ').append(cell(r)).append(" |");
        System.err.println("bench-dos: " + names.get(t) + ": " + attack.title() + " done");
      }
      System.out.println(row);
    }
  }

  private static String cell(AttackRun.Result r) {
    LegitClient.Stats b = r.baseline();
    LegitClient.Stats d = r.during();
    String ratio = b.p50Micros() > 0 && d.p50Micros() >= 0 ? String.format(" (%.1fx)", (double) d.p50Micros() / b.p50Micros()) : "";
    return r.outcome().summary() + "; legit p50 " + LegitClient.Stats.ms(d.p50Micros()) + " ms" + ratio + " vs "
        + LegitClient.Stats.ms(b.p50Micros()) + " ms, max " + LegitClient.Stats.ms(d.maxMicros()) + " ms, "
        + d.failures() + "/" + d.requests() + " failed; after: p50 " + LegitClient.Stats.ms(r.after().p50Micros())
        + " ms, " + r.after().failures() + "/" + r.after().requests() + " failed";
  }
}
