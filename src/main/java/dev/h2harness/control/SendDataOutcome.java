package dev.h2harness.control;

import dev.h2harness.session.NgError;

/**
 * One scripted return of the send-data callback (contract §4 {@code h2h-send-data}): the value
 * returned and whether the frame is written first. Only {@code ok} (and a literal 0) and
 * {@code pause} write the frame.
 */
public record SendDataOutcome(String label, int returned, boolean writes) {
  public static final SendDataOutcome OK = new SendDataOutcome("ok", 0, true);
  private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[-+]?[0-9]{1,10}");

  /** Parses one list item; null when it is none of the names nor a decimal integer. */
  public static SendDataOutcome parse(String item) {
    String s = item.trim();
    return switch (s) {
      case "ok" -> OK;
      case "wouldblock" -> new SendDataOutcome(s, NgError.WOULDBLOCK, false);
      case "pause" -> new SendDataOutcome(s, NgError.PAUSE, true);
      case "temporal-failure" -> new SendDataOutcome(s, NgError.TEMPORAL_CALLBACK_FAILURE, false);
      case "callback-failure" -> new SendDataOutcome(s, NgError.CALLBACK_FAILURE, false);
      default -> {
        if (!INTEGER.matcher(s).matches()) yield null;
        long v = Long.parseLong(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) yield null;
        yield new SendDataOutcome(s, (int) v, v == 0);
      }
    };
  }

  /** True when this return ends the connection (contract §2); the session decides which do. */
  public boolean isFatal() {
    return NgError.isFatalSendDataReturn(returned);
  }

  @Override public String toString() {
    return label;
  }
}
