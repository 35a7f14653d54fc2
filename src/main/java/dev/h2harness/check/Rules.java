package dev.h2harness.check;

import java.util.List;

/** The stable ids of the rules findings are reported under, and the standard rule set. */
public final class Rules {
  /** RFC 9113 §4.2: a frame above the peer's SETTINGS_MAX_FRAME_SIZE. */
  public static final String FRAME_SIZE = "frame.size";
  /** RFC 9113 §4, §6: a frame whose payload does not fit its type, or a truncated byte stream. */
  public static final String FRAME_MALFORMED = "frame.malformed";
  /** RFC 9113 §6.1: DATA on stream 0. */
  public static final String DATA_STREAM_ZERO = "data.stream-zero";
  /** RFC 9113 §6.1: Pad Length not less than the payload, or PADDED with no Pad Length octet. */
  public static final String DATA_PADDING_LENGTH = "data.padding.length";
  /** RFC 9113 §6.1, §6.2: a padding octet that is not zero. */
  public static final String DATA_PADDING_NONZERO = "data.padding.nonzero";
  /** RFC 9113 §5.1, §8.1: DATA or HEADERS on a stream whose state forbids it. */
  public static final String STREAM_STATE = "stream.state";
  /** RFC 9113 §6.9: DATA beyond the stream or connection flow-control window. */
  public static final String FLOW_WINDOW = "flow.window";
  /** contract §4, RFC 9113 §8.1.1: response body bytes, count and content-length. */
  public static final String BODY_INTEGRITY = "body.integrity";
  /** RFC 9113 §4.3, §6.10: a header block interrupted, or a CONTINUATION with none open. */
  public static final String HEADERS_CONTINUATION = "headers.continuation";
  /** RFC 7541: a header block the peer's decoder cannot decode (a COMPRESSION_ERROR). */
  public static final String HPACK_DECODE = "hpack.decode";
  /** contract §2: a sendData outcome that does not match the contract (the scenario layer's). */
  public static final String SEND_DATA_OUTCOME = "send-data.outcome";
  /** The target closed the connection when the scenario did not expect it (the scenario layer's). */
  public static final String CONNECTION_UNEXPECTED_CLOSE = "connection.unexpected-close";
  /** The target did not answer in time (the scenario layer's). */
  public static final String TIMEOUT = "timeout";

  private Rules() {}

  /**
   * A fresh instance of every rule this package implements, in the order they are consulted: the
   * order in which their findings on one frame lie in its bytes (header, Pad Length, data, padding).
   */
  public static List<Rule> standard() {
    return List.of(new FrameSizeRule(), new FrameMalformedRule(), new DataStreamZeroRule(),
        new HeadersContinuationRule(), new StreamStateRule(), new FlowWindowRule(), new PaddingLengthRule(),
        new BodyIntegrityRule(), new PaddingNonZeroRule(), new HpackDecodeRule());
  }
}
