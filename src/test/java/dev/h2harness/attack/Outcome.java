package dev.h2harness.attack;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an attack saw of its target.
 *
 * @param connections connections the attack opened (or tried to)
 * @param ended connections the target ended, with GOAWAY or by closing
 * @param goaways GOAWAY error codes seen, with how many connections got each
 * @param framesSent attack frames written, over all connections
 * @param framesUntilEnd frames written on the first connection the target ended, when it was
 *     ended (-1 when none was): the detection bound, give or take one write batch
 * @param millisUntilEnd from the first frame to that end, or -1
 * @param resets RST_STREAM frames the target sent
 * @param lastStreamId the last-stream-id of the first connection's GOAWAY, or -1: how many of
 *     the attack's streams the target took up before it stopped
 */
public record Outcome(String attack, int connections, int ended, Map<Long, Integer> goaways, long framesSent,
                      long framesUntilEnd, long millisUntilEnd, int resets, int lastStreamId) {
  public Outcome {
    goaways = Map.copyOf(goaways);
  }

  /** This outcome and a later run's of the same attack: counts add up, the first run's bounds stay. */
  public Outcome plus(Outcome later) {
    Map<Long, Integer> codes = new TreeMap<>(goaways);
    later.goaways.forEach((k, v) -> codes.merge(k, v, Integer::sum));
    return new Outcome(attack, connections + later.connections, ended + later.ended, codes, framesSent + later.framesSent,
        framesUntilEnd, millisUntilEnd, resets + later.resets, lastStreamId);
  }

  /** The GOAWAY code most connections got, or null when there was none. */
  public Long code() {
    return goaways.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  /** Human text: "GOAWAY ENHANCE_YOUR_CALM after 1,001 frames, 12 ms". */
  public String summary() {
    if (ended == 0) {
      return "not detected (" + String.format("%,d", framesSent) + " frames, " + resets + " RST_STREAM)";
    }
    String how = code() == null ? "closed" : "GOAWAY " + codeName(code());
    String many = connections > 1 ? " on " + ended + "/" + connections + " connections" : "";
    String when = lastStreamId > 0 ? " at stream " + lastStreamId
        : framesUntilEnd >= 0 ? " after " + String.format("%,d", framesUntilEnd) + " frames sent" : "";
    return how + many + when + (millisUntilEnd >= 0 ? ", " + millisUntilEnd + " ms" : "");
  }

  static String codeName(long code) {
    return switch ((int) code) {
      case 0x0 -> "NO_ERROR";
      case 0x1 -> "PROTOCOL_ERROR";
      case 0x2 -> "INTERNAL_ERROR";
      case 0x3 -> "FLOW_CONTROL_ERROR";
      case 0x4 -> "SETTINGS_TIMEOUT";
      case 0x5 -> "STREAM_CLOSED";
      case 0x6 -> "FRAME_SIZE_ERROR";
      case 0x7 -> "REFUSED_STREAM";
      case 0x8 -> "CANCEL";
      case 0x9 -> "COMPRESSION_ERROR";
      case 0xb -> "ENHANCE_YOUR_CALM";
      default -> "0x" + Long.toHexString(code);
    };
  }

  static Map<Long, Integer> tally(Iterable<Long> codes) {
    Map<Long, Integer> m = new TreeMap<>();
    for (Long c : codes) if (c != null) m.merge(c, 1, Integer::sum);
    return m;
  }
}
