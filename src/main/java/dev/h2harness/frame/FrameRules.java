package dev.h2harness.frame;

/** The rules the strict writer enforces on a single frame, each with its RFC 9113 section. */
final class FrameRules {
  private FrameRules() {}

  /** Why {@code f} must not be written, or null when it may. */
  static String violation(Frame f) {
    int length = f.payloadLength();
    if (length > FrameWriter.MAX_LENGTH) {
      return "payload of " + length + " octets does not fit the 24-bit length (RFC 9113 §4.1)";
    }
    if (f instanceof Frame.Data d) {
      return first(needsStream(f, "6.1"), paddingMatchesFlag(f, d.padding()));
    } else if (f instanceof Frame.Headers h) {
      return first(needsStream(f, "6.2"), paddingMatchesFlag(f, h.padding()),
          (h.priority() != null) == f.hasFlag(Flags.PRIORITY) ? null
              : "PRIORITY flag and priority fields disagree (RFC 9113 §6.2)");
    } else if (f instanceof Frame.Priority) {
      return needsStream(f, "6.3");
    } else if (f instanceof Frame.RstStream) {
      return needsStream(f, "6.4");
    } else if (f instanceof Frame.Settings s) {
      return first(noStream(f, "6.5"), s.isAck() && !s.settings().isEmpty()
          ? "SETTINGS ACK must be empty (RFC 9113 §6.5)" : null);
    } else if (f instanceof Frame.PushPromise pp) {
      return first(needsStream(f, "6.6"), paddingMatchesFlag(f, pp.padding()));
    } else if (f instanceof Frame.Ping p) {
      return first(noStream(f, "6.7"),
          p.opaque().length() == 8 ? null : "PING carries 8 octets (RFC 9113 §6.7)");
    } else if (f instanceof Frame.GoAway) {
      return noStream(f, "6.8");
    } else if (f instanceof Frame.WindowUpdate w) {
      return w.increment() == 0 ? "WINDOW_UPDATE increment of 0 (RFC 9113 §6.9)" : null;
    } else if (f instanceof Frame.Continuation) {
      return needsStream(f, "6.10");
    }
    return null;
  }

  private static String first(String... reasons) {
    for (String r : reasons) {
      if (r != null) return r;
    }
    return null;
  }

  private static String needsStream(Frame f, String section) {
    return f.streamId() != 0 ? null : f.typeName() + " on stream 0 (RFC 9113 §" + section + ")";
  }

  private static String noStream(Frame f, String section) {
    return f.streamId() == 0 ? null
        : f.typeName() + " on stream " + f.streamId() + ", must be 0 (RFC 9113 §" + section + ")";
  }

  private static String paddingMatchesFlag(Frame f, Padding padding) {
    if ((padding != null) != f.hasFlag(Flags.PADDED)) {
      return "PADDED flag and padding disagree (RFC 9113 §6.1)";
    }
    if (padding != null && !padding.isWellFormed()) {
      return "padding must be Pad Length zero octets (RFC 9113 §6.1)";
    }
    return null;
  }
}
