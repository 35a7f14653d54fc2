package dev.h2harness.check;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;

/**
 * The body a request asked for ({@link ExpectedBody}, supplied through {@link BodyExpectations}):
 * exactly its octets and no more; and RFC 9113 §8.1.1: with a {@code content-length} in the
 * response, the DATA octets add up to it. Compared as the frames arrive; nothing is kept.
 *
 * <p>The expected body applies unless the target answered with a status other than 200 (then the
 * body is something else, and the status is the scenario's finding); content-length is not checked
 * for HEAD requests and 304 responses (RFC 9110 §8.6).
 */
final class BodyIntegrityRule implements Rule {
  private static final Rules RULE = Rules.BODY_INTEGRITY;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (event instanceof CheckEvent.Read read && read.event() instanceof ReadEvent.FrameRead r
        && r.frame() instanceof Frame.Data d && d.streamId() != 0) {
      StreamView s = state.stream(d.streamId());
      if (s != null) {
        onData(s, r, d, out);
      }
    } else if (event instanceof CheckEvent.StreamEnded e) {
      StreamView s = state.stream(e.stream());
      if (s != null) {
        onEnd(s, e, out);
      }
    }
  }

  private void onData(StreamView s, ReadEvent.FrameRead r, Frame.Data d, FindingSink out) {
    long have = s.bodyBytes();
    Bytes data = d.data();
    int n = data.length();
    long dataAt = r.contentOffset();
    ExpectedBody body = s.expectedBody();
    if (body != null && expectedBodyApplies(s)) {
      long expected = body.length();
      int inBody = (int) Math.max(0, Math.min(n, expected - have));
      int k = body.mismatch(have, data, 0, inBody);
      if (k >= 0) {
        long index = have + k;
        int want = body.octet(index);
        int got = data.getUnsigned(k);
        out.report("pattern", finding(s, r, dataAt + k, body.section(), String.format("0x%02x", want),
            String.format("0x%02x", got), String.format("body byte %d is 0x%02x, %s makes it 0x%02x (%s)",
                index, got, body.origin(), want, body.explain(index))));
      }
      if (inBody < n) {
        out.report("total", finding(s, r, dataAt + inBody, body.section(), expected + " body octets",
            "more than " + expected, "body octet " + (have + inBody) + " is beyond " + body.origin() + ": " + expected));
      }
    }
    long declared = s.contentLength();
    if (declared >= 0 && contentLengthApplies(s) && have + n > declared) {
      long extra = Math.max(0, declared - have);
      out.report("content-length", finding(s, r, dataAt + extra, "RFC 9113 §8.1.1", declared + " body octets",
          "more than " + declared, "body octet " + (have + extra) + " is beyond content-length " + declared));
    }
  }

  private void onEnd(StreamView s, CheckEvent.StreamEnded e, FindingSink out) {
    long total = s.bodyBytes();
    ExpectedBody body = s.expectedBody();
    if (body != null && expectedBodyApplies(s) && total != body.length()) {
      long expected = body.length();
      out.report("total", new Finding(RULE, body.section(), s.id(), e.frame(), e.offset(), expected + " body octets",
          total + " body octets", "stream ended after " + total + " body octets, " + body.origin() + " asked for "
          + expected, Direction.FROM_TARGET));
    }
    long declared = s.contentLength();
    if (declared >= 0 && contentLengthApplies(s) && total != declared) {
      out.report("content-length", new Finding(RULE, "RFC 9113 §8.1.1", s.id(), e.frame(), e.offset(),
          declared + " body octets", total + " body octets",
          "stream ended after " + total + " body octets, content-length says " + declared, Direction.FROM_TARGET));
    }
  }

  private Finding finding(StreamView s, ReadEvent.FrameRead r, long offset, String section, String expected,
      String actual, String message) {
    return new Finding(RULE, section, s.id(), r.index(), offset, expected, actual, message, Direction.FROM_TARGET);
  }

  private static boolean expectedBodyApplies(StreamView s) {
    return s.status() < 0 || s.status() == 200;
  }

  private static boolean contentLengthApplies(StreamView s) {
    return !"HEAD".equals(s.method()) && s.status() != 304;
  }
}
