package dev.h2harness.check;

import dev.h2harness.frame.ErrorCode;
import java.util.List;

/**
 * The stable ids of the rules of this package (RFC 9113, RFC 7541, the body a request asked for),
 * the connection errors among them, and the standard rule sets. The scenario layer's own ids are
 * in {@code scenario.ScenarioRules}.
 */
public enum Rules implements RuleId {
  /** RFC 9113 §4.2: a frame above the peer's SETTINGS_MAX_FRAME_SIZE. */
  FRAME_SIZE("frame.size"),
  /** RFC 9113 §4, §6: a frame whose payload does not fit its type, or a truncated byte stream. */
  FRAME_MALFORMED("frame.malformed"),
  /** RFC 9113 §6.1: DATA on stream 0. */
  DATA_STREAM_ZERO("data.stream-zero"),
  /** RFC 9113 §6.1: Pad Length not less than the payload, or PADDED with no Pad Length octet. */
  DATA_PADDING_LENGTH("data.padding.length"),
  /** RFC 9113 §6.1, §6.2: a padding octet that is not zero. */
  DATA_PADDING_NONZERO("data.padding.nonzero"),
  /** RFC 9113 §5.1, §8.1: DATA or HEADERS on a stream whose state forbids it. */
  STREAM_STATE("stream.state"),
  /** RFC 9113 §6.9: DATA beyond the stream or connection flow-control window. */
  FLOW_WINDOW("flow.window"),
  /** The body a request asked for ({@link ExpectedBody}), and RFC 9113 §8.1.1 content-length. */
  BODY_INTEGRITY("body.integrity"),
  /** RFC 9113 §4.3, §6.10: a header block interrupted, or a CONTINUATION with none open. */
  HEADERS_CONTINUATION("headers.continuation"),
  /** RFC 7541: a header block the peer's decoder cannot decode (a COMPRESSION_ERROR). */
  HPACK_DECODE("hpack.decode"),
  /** RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE outside 2^14..2^24-1. */
  SETTINGS_MAX_FRAME_SIZE("settings.max-frame-size"),
  /** RFC 9113 §6.5.2: SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1. */
  SETTINGS_INITIAL_WINDOW_SIZE("settings.initial-window-size"),
  /** RFC 9113 §6.5.2: SETTINGS_ENABLE_PUSH other than 0 or 1, or not 0 from a server. */
  SETTINGS_ENABLE_PUSH("settings.enable-push"),
  /** RFC 9113 §6.9.1: a WINDOW_UPDATE that takes the peer's connection send window past 2^31-1. */
  FLOW_WINDOW_OVERFLOW("flow.window-overflow"),
  /** RFC 9113 §6.9: a WINDOW_UPDATE on the connection with an increment of 0. */
  WINDOW_UPDATE_ZERO("window-update.zero"),
  /** RFC 9113 §10.5.1: a header block beyond the SETTINGS_MAX_HEADER_LIST_SIZE the harness announced. */
  HEADERS_LIST_SIZE("headers.list-size"),
  /** RFC 9113 §10.5: floods of one frame type, or of empty frames. */
  FLOOD_SETTINGS("flood.settings"),
  FLOOD_PING("flood.ping"),
  FLOOD_WINDOW_UPDATE("flood.window-update"),
  FLOOD_RST_STREAM("flood.rst-stream"),
  FLOOD_EMPTY_FRAMES("flood.empty-frames"),

  /** RFC 9113 §3.4: a client's first frame after the preface is SETTINGS. */
  PREFACE_SETTINGS("preface.settings"),
  /** RFC 9113 §8.3.1, §8.2, §8.1: a client's request or trailers are malformed. */
  REQUEST_HEADERS("request.headers"),
  /** RFC 9113 §5.1.1, §5.1.2: a client opens streams out of order or beyond the concurrency limit. */
  CLIENT_STREAMS("client.streams");

  private final String id;

  Rules(String id) {
    this.id = id;
  }

  @Override public String id() {
    return id;
  }

  /** The id, so that a finding prints as it always has. */
  @Override public String toString() {
    return id;
  }

  /**
   * The error code of the connection error a finding under {@code rule} is (RFC 9113 §5.4.1): the
   * peer answers it with GOAWAY and closes, and the scenario ends there. -1 for findings the
   * scenario goes on after (they concern one stream or one frame's content).
   */
  public static long connectionErrorCode(RuleId id) {
    if (!(id instanceof Rules rule)) return -1;
    return switch (rule) {
      case FRAME_SIZE -> ErrorCode.FRAME_SIZE_ERROR.code;
      case SETTINGS_MAX_FRAME_SIZE, SETTINGS_ENABLE_PUSH, WINDOW_UPDATE_ZERO -> ErrorCode.PROTOCOL_ERROR.code;
      case SETTINGS_INITIAL_WINDOW_SIZE, FLOW_WINDOW_OVERFLOW -> ErrorCode.FLOW_CONTROL_ERROR.code;
      case HEADERS_LIST_SIZE, FLOOD_SETTINGS, FLOOD_PING, FLOOD_WINDOW_UPDATE, FLOOD_RST_STREAM, FLOOD_EMPTY_FRAMES ->
          ErrorCode.ENHANCE_YOUR_CALM.code;
      default -> -1;
    };
  }

  /**
   * A fresh instance of every rule this package implements, in the order they are consulted: the
   * order in which their findings on one frame lie in its bytes (header, Pad Length, data, padding).
   */
  public static List<Rule> standard() {
    return List.of(new FrameSizeRule(), new FrameMalformedRule(), new SettingsValueRule(), new FloodRule(),
        new HeaderListSizeRule(), new WindowUpdateRule(), new DataStreamZeroRule(),
        new HeadersContinuationRule(), new StreamStateRule(), new FlowWindowRule(), new PaddingLengthRule(),
        new BodyIntegrityRule(), new PaddingNonZeroRule(), new HpackDecodeRule());
  }

  /** The standard rules and those that judge a client target only (the {@code listen} command). */
  public static List<Rule> clientRole() {
    List<Rule> all = new java.util.ArrayList<>(List.of(new SettingsFirstRule()));
    all.addAll(standard());
    all.add(new ClientStreamsRule());
    all.add(new RequestHeadersRule());
    return all;
  }
}
