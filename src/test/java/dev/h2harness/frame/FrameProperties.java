package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Writing then parsing any typed frame gives it back. */
class FrameProperties {
  @Provide Arbitrary<Frame> frames() {
    return FrameArbitraries.frames();
  }

  @Provide Arbitrary<RawFrame> rawFrames() {
    return FrameArbitraries.rawFrames();
  }

  @Property(tries = 1000)
  void parsingTheLenientlyWrittenFrameGivesItBack(@ForAll("frames") Frame f) {
    Statistics.collect(f.typeName());
    byte[] wire = FrameWriter.writeLenient(f);
    assertEquals(FrameHeader.SIZE + f.payloadLength(), wire.length);
    RawFrame raw = new RawFrame(FrameHeader.parse(wire, 0),
        Bytes.wrap(wire, FrameHeader.SIZE, wire.length - FrameHeader.SIZE));
    ParsedFrame.Ok ok = assertInstanceOf(ParsedFrame.Ok.class, FrameParser.parse(raw, 0));
    assertEquals(f, ok.frame());
    assertEquals(raw, FrameWriter.toRaw(f));
  }

  @Property(tries = 500)
  void theReaderGivesBackTheWrittenFrameFedWholeOrOctetByOctet(@ForAll("frames") Frame f) {
    byte[] wire = FrameWriter.writeLenient(f);
    for (Reading r : List.of(Reading.frames().feed(wire), Reading.frames().feedByteAtATime(wire))) {
      ReadEvent event = r.only();
      if (wire.length - FrameHeader.SIZE > FrameReader.DEFAULT_MAX_FRAME_SIZE) {
        assertInstanceOf(ReadEvent.OversizedFrame.class, event);
      } else {
        assertEquals(f, assertInstanceOf(ReadEvent.FrameRead.class, event).frame());
      }
      assertEquals(wire.length, r.reader.offset());
    }
  }

  @Property(tries = 1000)
  void theStrictWriterEitherRefusesOrWritesWhatTheLenientOneDoes(@ForAll("frames") Frame f) {
    byte[] strict;
    try {
      strict = FrameWriter.write(f);
    } catch (IllegalArgumentException refused) {
      Statistics.collect("refused");
      return;
    }
    Statistics.collect("written");
    assertArrayEquals(FrameWriter.writeLenient(f), strict);
  }

  @Property(tries = 1000)
  void anyRawFrameWritesAndReadsBackOctetForOctet(@ForAll("rawFrames") RawFrame raw) {
    byte[] wire = FrameWriter.writeRaw(raw);
    ReadEvent event = Reading.frames().feed(wire).only();
    RawFrame back = event instanceof ReadEvent.FrameRead r ? r.raw()
        : assertInstanceOf(ReadEvent.MalformedFrame.class, event).raw();
    assertEquals(raw, back);
    if (event instanceof ReadEvent.FrameRead r && r.raw().header().streamField() >= 0) {
      // Without the R bit the typed frame alone reproduces the octets.
      assertArrayEquals(wire, FrameWriter.writeLenient(r.frame()));
    }
  }
}
