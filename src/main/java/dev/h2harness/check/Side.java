package dev.h2harness.check;

import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HpackDecoder;
import dev.h2harness.stream.StreamInput;

/**
 * One endpoint of the captured connection, as the bytes it sent show it: its reader, the SETTINGS
 * it announced (RFC 9113 §6.5), its connection send window (§6.9), the HPACK context of the header
 * blocks it sent (RFC 7541) and its counters. The model holds two, the target and the harness's
 * peer, and applies each frame with the side that sent it and the side that received it.
 */
final class Side {
  /** Which way this side's bytes travel. */
  final Direction direction;
  /** True for the target: its events go to the rules, and the other side's SETTINGS bound its reader. */
  final boolean judged;
  final boolean isServer;
  /** The stream-state inputs this side's frames are, from the target's point of view (§5.1). */
  final StreamInput headers;
  final StreamInput pushPromise;
  final StreamInput data;
  final StreamInput endStream;
  final StreamInput rstStream;

  final FrameReader reader;
  final SettingsLedger settings = new SettingsLedger();
  /** Decodes the header blocks this side sends; its table size is what the other side announced. */
  final HpackDecoder decoder = new HpackDecoder(SettingsParameter.DEFAULT_HEADER_TABLE_SIZE);
  final HeaderBlockBuffer block = new HeaderBlockBuffer();
  /** Offset and index of the frame that started the open header block. */
  long blockOffset;
  int blockIndex;
  /** A header block did not decode: nothing after it can (RFC 9113 §4.3). */
  boolean hpackBroken;
  GoAwayInfo goAway;
  /** WINDOW_UPDATE increments on stream 0 from the other side, less this side's DATA. */
  long connectionCredit;
  int settingsFrames;
  int settingsAcks;

  Side(Direction direction, boolean judged, boolean isServer, FrameReader reader) {
    this.direction = direction;
    this.reader = reader;
    this.judged = judged;
    this.isServer = isServer;
    this.headers = judged ? StreamInput.SEND_HEADERS : StreamInput.RECV_HEADERS;
    this.pushPromise = judged ? StreamInput.SEND_PUSH_PROMISE : StreamInput.RECV_PUSH_PROMISE;
    this.data = judged ? StreamInput.SEND_DATA : StreamInput.RECV_DATA;
    this.endStream = judged ? StreamInput.SEND_END_STREAM : StreamInput.RECV_END_STREAM;
    this.rstStream = judged ? StreamInput.SEND_RST_STREAM : StreamInput.RECV_RST_STREAM;
  }
}
