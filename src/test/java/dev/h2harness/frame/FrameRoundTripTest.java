package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every frame type written by the strict writer reads back as the same frame. */
class FrameRoundTripTest {
  static List<String> sampleNames() {
    return Samples.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleNames")
  void writtenFrameReadsBackEqualWholeAndOneOctetAtATime(String name) {
    Frame f = Samples.wellFormed().get(name);
    byte[] wire = FrameWriter.write(f);
    assertEquals(FrameHeader.SIZE + f.payloadLength(), wire.length);

    FrameHeader h = FrameHeader.parse(wire, 0);
    assertEquals(new FrameHeader(f.payloadLength(), f.typeCode(), f.flags(), f.streamId()), h);

    for (Reading r : List.of(Reading.frames().feed(wire), Reading.frames().feedByteAtATime(wire))) {
      ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, r.only());
      assertEquals(f, read.frame());
      assertEquals(0, read.offset());
      assertEquals(0, read.index());
      assertEquals(h, read.raw().header());
      assertEquals(Bytes.wrap(wire, 9, wire.length - 9), read.raw().payload());
      assertEquals(wire.length, r.reader.offset());
      assertEquals(true, r.reader.atFrameBoundary());
    }
    ParsedFrame.Ok ok = assertInstanceOf(ParsedFrame.Ok.class,
        FrameParser.parse(FrameWriter.toRaw(f), 100));
    assertEquals(f, ok.frame());
  }

  @Test
  void allSamplesInOneStreamComeBackInOrderWithCumulativeOffsets() {
    List<Frame> frames = Samples.names().stream().map(n -> Samples.wellFormed().get(n)).toList();
    List<byte[]> wires = frames.stream().map(FrameWriter::write).toList();
    byte[] stream = Reading.concat(wires.toArray(new byte[0][]));
    List<ReadEvent> whole = Reading.frames().feed(stream).finish().events;
    List<ReadEvent> pieces = Reading.frames().feed(stream, cycle(1, 7, 2, 9, 13, 300)).finish().events;
    assertEquals(whole, pieces);
    assertEquals(frames.size(), whole.size());
    long at = 0;
    for (int i = 0; i < frames.size(); i++) {
      ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, whole.get(i));
      assertEquals(at, read.offset(), "offset of frame " + i);
      assertEquals(i, read.index());
      assertEquals(frames.get(i), read.frame());
      at += wires.get(i).length;
    }
  }

  @Test
  void paddedDataKeepsNghttp2PadlenAndFlowControlledLength() {
    for (int padlen : new int[] {0, 1, 2, 17, 255, 256}) {
      Frame.Data d = Frame.Data.padded(1, Bytes.ascii("abc"), false, padlen);
      byte[] wire = FrameWriter.write(d);
      assertEquals(3 + padlen, FrameHeader.parse(wire, 0).length(), "length field for padlen " + padlen);
      assertEquals(padlen > 0 ? 0x08 : 0, wire[4], "flags for padlen " + padlen);
      if (padlen > 0) assertEquals(padlen - 1, wire[9] & 0xff, "Pad Length octet for padlen " + padlen);
      Frame.Data back = (Frame.Data) ((ReadEvent.FrameRead) Reading.frames().feed(wire).only()).frame();
      assertEquals(padlen, back.padlen());
      assertEquals(3 + padlen, back.flowControlledLength());
      assertEquals(Bytes.ascii("abc"), back.data());
    }
  }

  @Test
  void headersWithPaddingAndPriorityLaysOutPadLengthPriorityBlockPadding() {
    Frame.Headers h = new Frame.Headers(Flags.END_HEADERS | Flags.PADDED | Flags.PRIORITY, 7,
        PrioritySpec.of(true, 3, 200), Bytes.fromHex("8286"), Padding.ofPadlen(3));
    assertArrayEquals(Bytes.fromHex("00000a 01 2c 00000007 02 80000003 c8 8286 0000").toArray(),
        FrameWriter.write(h));
  }

  @Test
  void pushPromiseKeepsTheReservedBitOfThePromisedStreamField() {
    Frame.PushPromise pp = new Frame.PushPromise(Flags.END_HEADERS, 1, 0x80000002, Bytes.EMPTY, null);
    byte[] wire = FrameWriter.write(pp);
    assertArrayEquals(Bytes.fromHex("000004 05 04 00000001 80000002").toArray(), wire);
    Frame.PushPromise back =
        (Frame.PushPromise) ((ReadEvent.FrameRead) Reading.frames().feed(wire).only()).frame();
    assertEquals(2, back.promisedStreamId());
    assertEquals(0x80000002, back.promisedField());
  }

  private static java.util.function.IntSupplier cycle(int... sizes) {
    int[] i = {0};
    return () -> sizes[i[0]++ % sizes.length];
  }
}
