package dev.h2harness.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The three shapes the attacks take: streams on one connection, frames on one, many connections. */
final class Flood {
  /** Units (streams or frames) written per batch: small, so the count at detection stays close. */
  private static final int BATCH = 16;
  /** How long to wait for the target's verdict after the last frame. */
  private static final long GRACE_NANOS = 1_000_000_000L;

  @FunctionalInterface
  interface StreamFrames {
    void write(ByteArrayOutputStream out, int streamId);
  }

  private Flood() {}

  static Outcome perStream(String title, InetSocketAddress target, InetAddress source, Duration limit, int streams,
                           int framesPerStream, StreamFrames frames) throws IOException, InterruptedException {
    int[] next = {1};
    return oneConnection(title, target, source, limit, Wire.openingBytes(), streams, framesPerStream, out -> {
      frames.write(out, next[0]);
      next[0] += 2;
    });
  }

  static Outcome frames(String title, InetSocketAddress target, InetAddress source, Duration limit, byte[] first,
                        int frames, Consumer<ByteArrayOutputStream> frame) throws IOException, InterruptedException {
    ByteArrayOutputStream opening = new ByteArrayOutputStream();
    opening.writeBytes(Wire.openingBytes());
    opening.writeBytes(first);
    return oneConnection(title, target, source, limit, opening.toByteArray(), frames, 1, frame);
  }

  private static Outcome oneConnection(String title, InetSocketAddress target, InetAddress source, Duration limit,
                                       byte[] opening, int units, int framesPerUnit,
                                       Consumer<ByteArrayOutputStream> unit) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long sent = 0;
    long untilEnd = -1;
    long millisUntilEnd = -1;
    try (Peer peer = new Peer(target, source, deadline)) {
      peer.write(opening);
      ByteArrayOutputStream batch = new ByteArrayOutputStream();
      for (int done = 0; done < units && !peer.ended(); ) {
        batch.reset();
        int n = Math.min(BATCH, units - done);
        for (int i = 0; i < n; i++) unit.accept(batch);
        if (!peer.write(batch.toByteArray())) break;
        done += n;
        sent += (long) n * framesPerUnit;
      }
      long graceEnd = Math.min(deadline, System.nanoTime() + GRACE_NANOS);
      while (!peer.ended() && System.nanoTime() - graceEnd < 0) Thread.sleep(5);
      boolean ended = peer.goawayCode() != null || peer.closedByTarget();
      if (ended) {
        untilEnd = sent;
        millisUntilEnd = (System.nanoTime() - start) / 1_000_000;
      }
      List<Long> codes = new ArrayList<>();
      codes.add(peer.goawayCode());
      return new Outcome(title, 1, ended ? 1 : 0, Outcome.tally(codes), sent, untilEnd, millisUntilEnd, peer.resets(),
          peer.lastStreamId());
    }
  }

  /**
   * {@code connections} connections, each sending the preface (and, when {@code frames} is given,
   * SETTINGS, its ACK and {@code streams} streams), held until the target ends them or the time is up.
   */
  static Outcome connections(String title, InetSocketAddress target, InetAddress source, Duration limit,
                             int connections, int streams, StreamFrames frames) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    List<Peer> peers = new ArrayList<>();
    long sent = 0;
    try {
      for (int c = 0; c < connections && System.nanoTime() - deadline < 0; c++) {
        Peer p;
        try {
          p = new Peer(target, source, deadline);
        } catch (IOException e) {
          continue; // refused at connect: counted as not held
        }
        peers.add(p);
        if (frames == null) {
          p.write(Wire.PREFACE);
          continue;
        }
        p.write(Wire.openingBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int s = 0, id = 1; s < streams && !p.ended(); s++, id += 2) {
          out.reset();
          frames.write(out, id);
          if (!p.write(out.toByteArray())) break;
          sent++;
          // One stream a millisecond: these attacks aim at memory held, not at bandwidth, and an
          // attacker at full speed on this machine would measure its own CPU, not the target's.
          Thread.sleep(1);
        }
      }
      long firstEnd = -1;
      while (System.nanoTime() - deadline < 0) {
        int ended = 0;
        for (Peer p : peers) if (p.goawayCode() != null || p.closedByTarget()) ended++;
        if (ended > 0 && firstEnd < 0) firstEnd = (System.nanoTime() - start) / 1_000_000;
        if (ended == peers.size()) break;
        Thread.sleep(20);
      }
      int ended = 0;
      int resets = 0;
      List<Long> codes = new ArrayList<>();
      for (Peer p : peers) {
        if (p.goawayCode() != null || p.closedByTarget()) ended++;
        codes.add(p.goawayCode());
        resets += p.resets();
      }
      ended += connections - peers.size();
      return new Outcome(title, connections, ended, Outcome.tally(codes), sent, -1, firstEnd, resets, -1);
    } finally {
      for (Peer p : peers) p.close();
    }
  }
}
