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
    FrameType type = FrameType.of(f.typeCode());
    if (type == null) {
      return null; // RFC 9113 §5.5: any unknown type may be written.
    }
    String stream = type.streamProblem(f.streamId());
    String size = type.hasFixedLength() && length != type.fixedLength
        ? type.name() + " carries " + type.fixedLength + " octets (RFC 9113 §" + type.section + ")" : null;
    if (f instanceof Frame.Data d) {
      return first(stream, paddingMatchesFlag(f, d.padding()));
    } else if (f instanceof Frame.Headers h) {
      return first(stream, paddingMatchesFlag(f, h.padding()),
          (h.priority() != null) == f.hasFlag(Flags.PRIORITY) ? null
              : "PRIORITY flag and priority fields disagree (RFC 9113 §6.2)");
    } else if (f instanceof Frame.Settings s) {
      return first(stream, s.isAck() && !s.settings().isEmpty()
          ? "SETTINGS ACK must be empty (RFC 9113 §6.5)" : null);
    } else if (f instanceof Frame.PushPromise pp) {
      return first(stream, paddingMatchesFlag(f, pp.padding()));
    } else if (f instanceof Frame.WindowUpdate w) {
      return first(stream, w.increment() == 0 ? "WINDOW_UPDATE increment of 0 (RFC 9113 §6.9)" : null);
    }
    return first(stream, size);
  }

  private static String first(String... reasons) {
    for (String r : reasons) {
      if (r != null) return r;
    }
    return null;
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
