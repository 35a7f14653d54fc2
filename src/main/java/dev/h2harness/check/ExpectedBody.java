package dev.h2harness.check;

import dev.h2harness.frame.Bytes;

/**
 * The body a request asked its response to carry, octet by octet, as the layer that knows what the
 * request means (not this package) describes it: {@link BodyIntegrityRule} compares DATA with it as
 * the frames arrive, without knowing how the octets are produced.
 */
public interface ExpectedBody {
  /** How many body octets the response must carry. */
  long length();

  /**
   * The first index {@code i} in {@code data[from, to)} whose octet differs from body octet
   * {@code position + (i - from)}, or -1 when all match.
   */
  int mismatch(long position, Bytes data, int from, int to);

  /** Body octet {@code position}, 0..255. */
  int octet(long position);

  /** What asked for this body, as findings name it (e.g. a request header). */
  String origin();

  /** Why body octet {@code position} is what it is, as findings explain it. */
  String explain(long position);

  /** The clause findings about this body cite. */
  String section();
}
