package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import java.util.List;

/**
 * What the model learns from a decoded header block: the request, the status, content-length (RFC
 * 9113 §8.1.1); what body a request asks for is the {@link BodyExpectations}' to say.
 */
final class HeaderFacts {
  private HeaderFacts() {}

  /** A block the target sent on {@code s}: informational, final headers or trailers. */
  static void fromTarget(StreamRecord s, List<HeaderField> fields, boolean pushedRequest, BodyExpectations bodies) {
    if (pushedRequest) {
      fromPeer(s, fields, bodies);
      return;
    }
    int status = (int) number(value(fields, ":status"), Integer.MAX_VALUE);
    if (status >= 100 && status < 200) {
      // RFC 9113 §8.1: 1xx responses precede the final one and carry no body.
      return;
    }
    if (s.responseHeaders.isEmpty() && s.status < 0) {
      s.responseHeaders = List.copyOf(fields);
      s.status = status;
      s.contentLength = number(value(fields, "content-length"), Long.MAX_VALUE);
    } else {
      s.trailers = List.copyOf(fields);
    }
  }

  /** A block a client target sent on {@code s}: its request, then its trailers. */
  static void fromClientTarget(StreamRecord s, List<HeaderField> fields, BodyExpectations bodies) {
    if (!s.requestHeaders.isEmpty()) {
      s.trailers = List.copyOf(fields);
      return;
    }
    request(s, fields, bodies);
    s.contentLength = number(value(fields, "content-length"), Long.MAX_VALUE);
  }

  /** A block the peer sent to a client target on {@code s}: the harness's response. */
  static void fromServingPeer(StreamRecord s, List<HeaderField> fields) {
    int status = (int) number(value(fields, ":status"), Integer.MAX_VALUE);
    if (s.status < 0 && !(status >= 100 && status < 200)) {
      s.responseHeaders = List.copyOf(fields);
      s.status = status;
    }
  }

  /** A block the peer sent on {@code s}: the request (its trailers are not kept). */
  static void fromPeer(StreamRecord s, List<HeaderField> fields, BodyExpectations bodies) {
    if (s.requestHeaders.isEmpty()) {
      request(s, fields, bodies);
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
