package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import java.util.List;

/**
 * What the model learns from a decoded header block: the request, the status, content-length (RFC
 * 9113 §8.1.1); what body a request asks for is the {@link BodyExpectations}' to say.
 */
final class HeaderFacts {
  private HeaderFacts() {}

  /**
   * A decoded block {@code from} sent on {@code s}. A client sends its request, then trailers; a
   * server sends 1xx responses, its final response, then trailers, and (PUSH_PROMISE) requests it
   * promises on the client's behalf.
   */
  static void from(Side from, StreamRecord s, List<HeaderField> fields, boolean pushedRequest,
      BodyExpectations bodies) {
    StreamSide sent = s.of(from);
    if (pushedRequest) {
      if (s.requestHeaders.isEmpty()) {
        request(s, fields, bodies);
      }
    } else if (!from.isServer) {
      if (s.requestHeaders.isEmpty()) {
        request(s, fields, bodies);
        sent.contentLength = number(value(fields, "content-length"), Long.MAX_VALUE);
      } else {
        sent.trailers = List.copyOf(fields);
      }
    } else {
      int status = (int) number(value(fields, ":status"), Integer.MAX_VALUE);
      if (status >= 100 && status < 200) {
        // RFC 9113 §8.1: 1xx responses precede the final one and carry no body.
        return;
      }
      if (s.responseHeaders.isEmpty() && s.status < 0) {
        s.responseHeaders = List.copyOf(fields);
        s.status = status;
        sent.contentLength = number(value(fields, "content-length"), Long.MAX_VALUE);
      } else {
        sent.trailers = List.copyOf(fields);
      }
    }
  }

  private static void request(StreamRecord s, List<HeaderField> fields, BodyExpectations bodies) {
    s.requestHeaders = List.copyOf(fields);
    s.method = value(fields, ":method");
    s.expectedBody = bodies.forRequest(s.id, s.requestHeaders);
  }

  /** The first value of {@code name}, or null. */
  static String value(List<HeaderField> fields, String name) {
    for (HeaderField f : fields) {
      if (f.name().equals(name)) {
        return f.value();
      }
    }
    return null;
  }

  /** A non-negative decimal up to {@code max}, or -1. */
  static long number(String v, long max) {
    if (v == null) {
      return -1;
    }
    String t = v.trim();
    if (t.isEmpty() || t.length() > 18) {
      return -1;
    }
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return -1;
      }
    }
    long n = Long.parseLong(t);
    return n <= max ? n : -1;
  }
}
