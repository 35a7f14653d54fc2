package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** Payloads that do not fit their type, and where the problem is reported. */
class FrameParserTest {
  private static FrameProblem problem(int type, int flags, String payloadHex, long offset) {
    ParsedFrame parsed = FrameParser.parse(RawFrame.of(type, flags, 1, Bytes.fromHex(payloadHex)), offset);
    return assertInstanceOf(ParsedFrame.Bad.class, parsed).problem();
  }

  @Test
  void headersPadLengthLeavingNoRoomForThePriorityFieldsIsTooLarge() {
    // PADDED|PRIORITY: Pad Length, 5 priority octets, then fragment and padding. 7 octets leave
    // room for 1 octet of padding; Pad Length 2 is too large.
    FrameProblem p = problem(FrameType.HEADERS.code, Flags.PADDED | Flags.PRIORITY, "02 0000000010 00", 100);
    assertEquals(FrameProblem.Kind.PAD_LENGTH_TOO_LARGE, p.kind());
    assertEquals(109, p.offset(), "at the Pad Length octet, after the header at 100");
    ParsedFrame ok = FrameParser.parse(RawFrame.of(FrameType.HEADERS.code, Flags.PADDED | Flags.PRIORITY, 1,
        Bytes.fromHex("01 0000000010 00")), 0);
    Frame.Headers h = (Frame.Headers) assertInstanceOf(ParsedFrame.Ok.class, ok).frame();
    assertEquals(Bytes.EMPTY, h.fragment());
    assertEquals(2, h.padding().padlen());
  }

  @Test
  void headersWithPriorityFlagShorterThanFiveOctetsIsTooShort() {
    FrameProblem p = problem(FrameType.HEADERS.code, Flags.PRIORITY, "00000000", 0);
    assertEquals(FrameProblem.Kind.PAYLOAD_TOO_SHORT, p.kind());
    assertEquals(9, p.offset());
  }

  @Test
  void pushPromiseWithoutRoomForThePromisedStreamIsTooShort() {
    assertEquals(FrameProblem.Kind.PAYLOAD_TOO_SHORT, problem(FrameType.PUSH_PROMISE.code, 0, "000000", 0).kind());
    assertEquals(FrameProblem.Kind.PAYLOAD_TOO_SHORT,
        problem(FrameType.PUSH_PROMISE.code, Flags.PADDED, "00000000", 0).kind());
    // PADDED: Pad Length 1 with 4 octets of promised stream and nothing else is too large.
    assertEquals(FrameProblem.Kind.PAD_LENGTH_TOO_LARGE,
        problem(FrameType.PUSH_PROMISE.code, Flags.PADDED, "01 00000002", 0).kind());
  }

  @Test
  void goAwayShorterThanEightOctetsIsTooShort() {
    FrameProblem p = problem(FrameType.GOAWAY.code, 0, "00000001000000", 40);
    assertEquals(FrameProblem.Kind.PAYLOAD_TOO_SHORT, p.kind());
    assertEquals(40, p.offset());
  }

  @Test
  void settingsAckWithAPayloadIsABadSettingsLength() {
    FrameProblem p = problem(FrameType.SETTINGS.code, Flags.ACK, "000100001000", 0);
    assertEquals(FrameProblem.Kind.BAD_SETTINGS_LENGTH, p.kind());
    assertEquals(ErrorCode.FRAME_SIZE_ERROR, p.kind().errorCode);
  }

  @Test
  void fixedLengthTypesRefuseOtherLengths() {
    assertEquals(FrameProblem.Kind.BAD_FIXED_LENGTH, problem(FrameType.PRIORITY.code, 0, "00000000", 0).kind());
    assertEquals(FrameProblem.Kind.BAD_FIXED_LENGTH, problem(FrameType.RST_STREAM.code, 0, "0000000000", 0).kind());
    assertEquals(FrameProblem.Kind.BAD_FIXED_LENGTH, problem(FrameType.PING.code, 0, "000000000000000000", 0).kind());
    assertEquals(FrameProblem.Kind.BAD_FIXED_LENGTH, problem(FrameType.WINDOW_UPDATE.code, 0, "0000000001", 0).kind());
  }

  @Test
  void dataPadLengthOneLessThanThePayloadLeavesEmptyData() {
    ParsedFrame parsed = FrameParser.parse(RawFrame.of(0, Flags.PADDED, 1, Bytes.fromHex("02 0000")), 0);
    Frame.Data d = (Frame.Data) assertInstanceOf(ParsedFrame.Ok.class, parsed).frame();
    assertEquals(Bytes.EMPTY, d.data());
    assertEquals(3, d.padlen());
  }
}
