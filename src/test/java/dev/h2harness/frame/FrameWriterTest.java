package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict writer's refusals, the lenient writer, and raw frames with lying length fields. */
class FrameWriterTest {
  private static String refusal(Frame f) {
    return assertThrows(IllegalArgumentException.class, () -> FrameWriter.write(f)).getMessage();
  }

  @Test
  void strictWriterRefusesDataOnStreamZero() {
    String why = refusal(Frame.Data.of(0, Bytes.ascii("x"), false));
    assertTrue(why.contains("DATA on stream 0") && why.contains("§6.1"), why);
  }

  @Test
  void strictWriterRefusesPaddedFlagWithoutPaddingAndPaddingWithoutTheFlag() {
    String flagOnly = refusal(new Frame.Data(Flags.PADDED, 1, Bytes.ascii("x"), null));
    assertTrue(flagOnly.contains("PADDED flag and padding disagree"), flagOnly);
    String paddingOnly = refusal(new Frame.Data(0, 1, Bytes.ascii("x"), Padding.ofPadlen(2)));
    assertTrue(paddingOnly.contains("PADDED flag and padding disagree"), paddingOnly);
    String headers = refusal(new Frame.Headers(Flags.PADDED | Flags.END_HEADERS, 1, null,
        Samples.BLOCK, null));
    assertTrue(headers.contains("PADDED flag and padding disagree"), headers);
  }

  @Test
  void strictWriterRefusesNonZeroPaddingOrPadLengthDisagreeingWithTheOctets() {
    String nonZero = refusal(new Frame.Data(Flags.PADDED, 1, Bytes.EMPTY, new Padding(2, Bytes.of((byte) 0, (byte) 1))));
    assertTrue(nonZero.contains("zero octets"), nonZero);
    String shortOctets = refusal(new Frame.Data(Flags.PADDED, 1, Bytes.EMPTY, new Padding(3, Bytes.zeros(1))));
    assertTrue(shortOctets.contains("zero octets"), shortOctets);
  }

  @Test
  void lenientWriterWritesPadLengthAsGivenEvenWhenTheOctetsDisagree() {
    Frame.Data lie = new Frame.Data(Flags.PADDED, 1, Bytes.ascii("a"), new Padding(5, Bytes.zeros(1)));
    // Length 3 = Pad Length octet + "a" + one padding octet; the Pad Length octet says 5.
    assertArrayEquals(Bytes.fromHex("000003 00 08 00000001 05 61 00").toArray(), FrameWriter.writeLenient(lie));
    ReadEvent.MalformedFrame bad = assertInstanceOf(ReadEvent.MalformedFrame.class,
        Reading.frames().feed(FrameWriter.writeLenient(lie)).only());
    assertEquals(FrameProblem.Kind.PAD_LENGTH_TOO_LARGE, bad.problem().kind());
  }

  @Test
  void strictWriterRefusesAPingOfSevenOctetsAndLenientWritesLengthSeven() {
    Frame.Ping seven = new Frame.Ping(0, 0, Bytes.zeros(7));
    String why = refusal(seven);
    assertTrue(why.contains("PING carries 8 octets"), why);
    byte[] wire = FrameWriter.writeLenient(seven);
    assertEquals(new FrameHeader(7, 6, 0, 0), FrameHeader.parse(wire, 0));
    assertEquals(16, wire.length);
  }

  @Test
  void strictWriterRefusesPingOnAStream() {
    String why = refusal(new Frame.Ping(0, 1, Bytes.zeros(8)));
    assertTrue(why.contains("PING on stream 1, must be 0"), why);
  }

  @Test
  void strictWriterRefusesSettingsOnStreamOneAndAnAckWithParameters() {
    String onStream = refusal(new Frame.Settings(0, 1, List.of()));
    assertTrue(onStream.contains("SETTINGS on stream 1, must be 0") && onStream.contains("§6.5"), onStream);
    String ack = refusal(new Frame.Settings(Flags.ACK, 0, List.of(new Setting(1, 0))));
    assertTrue(ack.contains("SETTINGS ACK must be empty"), ack);
  }

  @Test
  void strictWriterRefusesAWindowUpdateOfZeroEvenWithTheReservedBitSet() {
    assertTrue(refusal(Frame.WindowUpdate.of(1, 0)).contains("increment of 0"));
    assertTrue(refusal(new Frame.WindowUpdate(0, 0, 0x80000000)).contains("increment of 0"));
  }

  @Test
  void strictWriterRefusesStreamFramesOnStreamZeroAndConnectionFramesOnStreams() {
    for (Frame f : List.<Frame>of(Frame.Headers.of(0, Samples.BLOCK, true),
        new Frame.Priority(0, 0, PrioritySpec.of(false, 1, 15)), Frame.RstStream.of(0, ErrorCode.CANCEL),
        new Frame.PushPromise(Flags.END_HEADERS, 0, 2, Samples.BLOCK, null),
        new Frame.Continuation(0, 0, Samples.BLOCK))) {
      assertTrue(refusal(f).contains(f.typeName() + " on stream 0"), f.toString());
    }
    assertTrue(refusal(new Frame.GoAway(0, 3, 1, 0, Bytes.EMPTY)).contains("GOAWAY on stream 3"));
  }

  @Test
  void strictWriterRefusesPriorityFlagAndFieldsThatDisagree() {
    String why = refusal(new Frame.Headers(Flags.PRIORITY, 1, null, Samples.BLOCK, null));
    assertTrue(why.contains("PRIORITY flag and priority fields disagree"), why);
    String why2 = refusal(new Frame.Headers(0, 1, PrioritySpec.of(false, 0, 15), Samples.BLOCK, null));
    assertTrue(why2.contains("PRIORITY flag and priority fields disagree"), why2);
  }

  @Test
  void strictWriterRefusesAPayloadTooLongForTheLengthField() {
    String why = refusal(Frame.Data.of(1, Bytes.zeros(FrameWriter.MAX_LENGTH + 1), false));
    assertTrue(why.contains("24-bit length"), why);
    assertEquals(FrameWriter.MAX_LENGTH + 9,
        FrameWriter.write(Frame.Data.of(1, Bytes.zeros(FrameWriter.MAX_LENGTH), false)).length);
  }

  @Test
  void writeRawKeepsALengthFieldLongerThanThePayload() {
    FrameHeader says10 = new FrameHeader(10, FrameType.DATA.code, 0, 1);
    byte[] wire = FrameWriter.writeRaw(says10, Bytes.ascii("abcd"));
    assertArrayEquals(Bytes.fromHex("00000a 00 00 00000001 61626364").toArray(), wire);
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class,
        Reading.frames().feed(wire).finish().only());
    assertEquals(FrameProblem.Kind.TRUNCATED, broken.problem().kind());
    assertEquals(0, broken.offset());
  }

  @Test
  void writeRawKeepsALengthFieldShorterThanThePayloadSoTheRestReadsAsTheNextHeader() {
    // Length 2 but 11 octets follow: "ab" ends the DATA frame, and the other 9 octets read as a
    // header announcing an empty frame of type 0xfa.
    FrameHeader says2 = new FrameHeader(2, FrameType.DATA.code, 0, 1);
    byte[] wire = FrameWriter.writeRaw(new RawFrame(says2, Bytes.fromHex("6162 000000 fa 00 00000003")));
    assertEquals(20, wire.length);
    assertEquals(2, FrameHeader.parse(wire, 0).length());
    List<ReadEvent> events = Reading.frames().feed(wire).finish().events;
    assertEquals(2, events.size());
    assertEquals(Frame.Data.of(1, Bytes.ascii("ab"), false),
        assertInstanceOf(ReadEvent.FrameRead.class, events.get(0)).frame());
    ReadEvent.FrameRead second = assertInstanceOf(ReadEvent.FrameRead.class, events.get(1));
    assertEquals(11, second.offset());
    assertEquals(new Frame.Unknown(0xfa, 0, 3, Bytes.EMPTY), second.frame());
  }

  @Test
  void writeRawKeepsTheReservedBitOfTheStreamFieldThatTypedFramesDrop() {
    RawFrame raw = RawFrame.of(FrameType.PING.code, 0, 0x80000000, Bytes.zeros(8));
    byte[] wire = FrameWriter.writeRaw(raw);
    assertEquals((byte) 0x80, wire[5]);
    ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, Reading.frames().feed(wire).only());
    assertTrue(read.raw().header().reservedBit());
    assertEquals(raw, read.raw());
    assertEquals(0, read.frame().streamId());
  }

  @Test
  void toRawGivesTheHeaderAndPayloadTheLenientWriterEmits() {
    Frame f = Frame.GoAway.of(5, ErrorCode.NO_ERROR, "bye");
    RawFrame raw = FrameWriter.toRaw(f);
    assertEquals(new FrameHeader(11, FrameType.GOAWAY.code, 0, 0), raw.header());
    assertEquals(Bytes.fromHex("00000005 00000000 627965"), raw.payload());
    assertEquals(FrameWriter.header(f), raw.header());
  }
}
