package dev.h2harness.check;

/** RFC 7541, RFC 9113 §4.3: every header block the target sends decodes in the peer's context. */
final class HpackDecodeRule implements Rule {
  private static final Rules RULE = Rules.HPACK_DECODE;

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (event instanceof CheckEvent.HeaderBlockFailed f) {
      String section = f.error() != null ? f.error().kind().section() : "RFC 9113 §4.3";
      String actual = f.error() != null ? f.error().kind().name() : "a block too large to keep";
      out.report("block", new Finding(RULE, section, f.stream(), f.frame(), f.offset(),
          "a header block that decodes", actual, f.reason(), Direction.FROM_TARGET));
    }
  }
}
