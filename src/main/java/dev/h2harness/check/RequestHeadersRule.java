package dev.h2harness.check;

import dev.h2harness.session.HeaderRules;

/**
 * RFC 9113 §8.3.1, §8.2, §8.1: a client target's request is well formed (pseudo-headers present,
 * once, first; lowercase names; no connection-specific fields; TE only "trailers") and its
 * trailers carry no pseudo-header. The field rules are the reference session's own
 * ({@link HeaderRules}), written once.
 */
final class RequestHeadersRule implements Rule {
  /** Streams whose request was judged; a later block on them is trailers. */
  private final java.util.Set<Integer> requests = new java.util.HashSet<>();

  private static final Rules RULE = Rules.REQUEST_HEADERS;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (state.targetIsServer() || !(event instanceof CheckEvent.HeaderBlock b) || b.stream() == 0) {
      return;
    }
    boolean trailers = !requests.add(b.stream());
    String why = trailers ? HeaderRules.trailers(b.fields()) : HeaderRules.request(b.fields());
    if (why != null) {
      String section = why.contains("§8.2") ? "RFC 9113 §8.2" : trailers ? "RFC 9113 §8.1" : "RFC 9113 §8.3.1";
      out.report(trailers ? "trailers" : "request", new Finding(RULE, section, b.stream(), b.frame(), b.offset(),
          trailers ? "well-formed trailers" : "a well-formed request header block", why,
          (trailers ? "trailers" : "request") + " on stream " + b.stream() + " is malformed: " + why,
          Direction.FROM_TARGET));
    }
  }
}
