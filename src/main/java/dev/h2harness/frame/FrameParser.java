package dev.h2harness.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a complete {@link RawFrame} into its typed view. Stateless: it checks only what the frame
 * itself shows (lengths, padding); stream and connection rules belong to the session and checks.
 */
public final class FrameParser {
  private FrameParser() {}

  /**
   * Parses {@code raw}, which starts at absolute byte {@code offset} of its stream (offsets in
   * problems are absolute).
   */
  public static ParsedFrame parse(RawFrame raw, long offset) {
    FrameHeader h = raw.header();
    Bytes p = raw.payload();
    int flags = h.flags();
    int stream = h.streamId();
    long payloadAt = offset + FrameHeader.SIZE;
    FrameType type = FrameType.of(h.type());
    if (type == null) {
      return ok(new Frame.Unknown(h.type(), flags, stream, p));
    }
    if (type.hasFixedLength() && p.length() != type.fixedLength) {
      // RFC 9113 §6.3, §6.4, §6.7, §6.9: a payload of another length is a FRAME_SIZE_ERROR.
      return bad(fixed(offset, type, p.length()));
    }
    switch (type) {
      case DATA: {
        // RFC 9113 §6.1: Pad Length, then data, then padding.
        Padded body = unpad(p, flags, 0, payloadAt, type.section);
        if (body.problem != null) return bad(body.problem);
        return ok(new Frame.Data(flags, stream, body.content, body.padding));
      }
      case HEADERS: {
        int pre = type.fixedFields(flags);
        Padded body = unpad(p, flags, pre, payloadAt, type.section);
        if (body.problem != null) return bad(body.problem);
        PrioritySpec prio = null;
        if (pre > 0) {
          int at = Flags.has(flags, Flags.PADDED) ? 1 : 0;
          prio = new PrioritySpec(int32(p, at), p.getUnsigned(at + 4));
        }
        return ok(new Frame.Headers(flags, stream, prio, body.content, body.padding));
      }
      case PRIORITY:
        return ok(new Frame.Priority(flags, stream, new PrioritySpec(int32(p, 0), p.getUnsigned(4))));
      case RST_STREAM:
        return ok(new Frame.RstStream(flags, stream, int32(p, 0) & 0xffffffffL));
      case SETTINGS:
        return parseSettings(p, flags, stream, offset);
      case PUSH_PROMISE: {
        Padded body = unpad(p, flags, type.fixedFields(flags), payloadAt, type.section);
        if (body.problem != null) return bad(body.problem);
        int at = Flags.has(flags, Flags.PADDED) ? 1 : 0;
        return ok(new Frame.PushPromise(flags, stream, int32(p, at), body.content, body.padding));
      }
      case PING:
        return ok(new Frame.Ping(flags, stream, p));
      case GOAWAY:
        if (p.length() < 8) {
          return bad(new FrameProblem(FrameProblem.Kind.PAYLOAD_TOO_SHORT, offset,
              "GOAWAY payload is " + p.length() + " octets, at least 8 required (RFC 9113 §6.8)"));
        }
        return ok(new Frame.GoAway(flags, stream, int32(p, 0), int32(p, 4) & 0xffffffffL,
            p.slice(8, p.length())));
      case WINDOW_UPDATE:
        return ok(new Frame.WindowUpdate(flags, stream, int32(p, 0)));
      case CONTINUATION:
        return ok(new Frame.Continuation(flags, stream, p));
      default:
        throw new AssertionError(type);
    }
  }

  private static ParsedFrame parseSettings(Bytes p, int flags, int stream, long offset) {
    if (Flags.has(flags, Flags.ACK) && p.length() != 0) {
      // RFC 9113 §6.5: an ACK with a payload is a FRAME_SIZE_ERROR.
      return bad(new FrameProblem(FrameProblem.Kind.BAD_SETTINGS_LENGTH, offset,
          "SETTINGS with ACK carries " + p.length() + " octets, must be empty (RFC 9113 §6.5)"));
    }
    if (p.length() % 6 != 0) {
      return bad(new FrameProblem(FrameProblem.Kind.BAD_SETTINGS_LENGTH, offset,
          "SETTINGS length " + p.length() + " is not a multiple of 6 (RFC 9113 §6.5)"));
    }
    List<Setting> settings = new ArrayList<>(p.length() / 6);
    for (int i = 0; i < p.length(); i += 6) {
      int id = p.getUnsigned(i) << 8 | p.getUnsigned(i + 1);
      settings.add(new Setting(id, int32(p, i + 2) & 0xffffffffL));
    }
    return ok(new Frame.Settings(flags, stream, settings));
  }

  /** Content and padding of a padded type, after {@code fixedFields} octets that precede content. */
  private record Padded(Bytes content, Padding padding, FrameProblem problem) {}

  private static Padded unpad(Bytes p, int flags, int fixedFields, long payloadAt, String section) {
    boolean padded = Flags.has(flags, Flags.PADDED);
    int head = (padded ? 1 : 0) + fixedFields;
    if (p.length() < head) {
      return new Padded(null, null, new FrameProblem(FrameProblem.Kind.PAYLOAD_TOO_SHORT, payloadAt,
          "payload is " + p.length() + " octets, the " + (padded ? "Pad Length octet and " : "")
              + "fixed fields need " + head + " (RFC 9113 §" + section + ")"));
    }
    if (!padded) {
      return new Padded(p.slice(head, p.length()), null, null);
    }
    int padLength = p.getUnsigned(0);
    // RFC 9113 §6.1: padding that is the length of the frame payload or greater is a
    // connection error of type PROTOCOL_ERROR.
    if (padLength > p.length() - head) {
      return new Padded(null, null, new FrameProblem(FrameProblem.Kind.PAD_LENGTH_TOO_LARGE, payloadAt,
          "Pad Length " + padLength + " with a payload of " + p.length()
              + " octets: at most " + (p.length() - head) + " allowed (RFC 9113 §" + section + ")"));
    }
    int end = p.length() - padLength;
    return new Padded(p.slice(head, end), new Padding(padLength, p.slice(end, p.length())), null);
  }

  private static FrameProblem fixed(long offset, FrameType type, int got) {
    return new FrameProblem(FrameProblem.Kind.BAD_FIXED_LENGTH, offset, type.name() + " payload is " + got
        + " octets, must be " + type.fixedLength + " (RFC 9113 §" + type.section + ")");
  }

  private static int int32(Bytes p, int at) {
    return p.getUnsigned(at) << 24 | p.getUnsigned(at + 1) << 16 | p.getUnsigned(at + 2) << 8
        | p.getUnsigned(at + 3);
  }

  private static ParsedFrame ok(Frame f) {
    return new ParsedFrame.Ok(f);
  }

  private static ParsedFrame bad(FrameProblem problem) {
    return new ParsedFrame.Bad(problem);
  }
}
