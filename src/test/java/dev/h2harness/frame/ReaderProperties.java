package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The reader's output does not depend on how the bytes are cut, and garbage never breaks it. */
class ReaderProperties {
  @Provide Arbitrary<List<Frame>> frameLists() {
    return FrameArbitraries.frames().list().ofMaxSize(12);
  }

  @Provide Arbitrary<List<RawFrame>> rawFrameLists() {
    return FrameArbitraries.rawFrames().list().ofMaxSize(20);
  }

  @Provide Arbitrary<List<Integer>> pieceSizes() {
    return FrameArbitraries.pieceSizes();
  }

  @Provide Arbitrary<byte[]> garbage() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
  }

  @Property(tries = 300)
  void framesCutAtArbitraryPointsReadAsWhenFedWhole(@ForAll("frameLists") List<Frame> frames,
      @ForAll("pieceSizes") List<Integer> sizes, @ForAll boolean preface) {
    byte[][] wires = frames.stream().map(FrameWriter::writeLenient).toArray(byte[][]::new);
    byte[] prefix = preface ? FrameReader.CLIENT_PREFACE.toArray() : new byte[0];
    byte[] stream = Reading.concat(prefix, Reading.concat(wires));
    int max = 1 << 20;
    Reading whole = new Reading(preface, max).feed(stream).finish();
    Reading cut = new Reading(preface, max).feed(stream, FrameArbitraries.cycling(sizes)).finish();
    assertEquals(whole.events, cut.events);
    assertEquals(stream.length, cut.reader.offset());

    List<ReadEvent> frameEvents = new ArrayList<>(whole.events);
    if (preface) assertEquals(new ReadEvent.PrefaceRead(0), frameEvents.remove(0));
    assertEquals(frames.size(), frameEvents.size());
    long at = prefix.length;
    for (int i = 0; i < frames.size(); i++) {
      ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, frameEvents.get(i));
      assertEquals(frames.get(i), read.frame());
      assertEquals(at, read.offset());
      assertEquals(i, read.index());
      at += wires[i].length;
    }
  }

  @Property(tries = 300)
  void rawFramesWithOversizedAndTruncatedOnesReadTheSameHoweverCut(
      @ForAll("rawFrameLists") List<RawFrame> raws, @ForAll("pieceSizes") List<Integer> sizes,
      @ForAll @IntRange(min = 0, max = 80) int maxFrameSize, @ForAll @IntRange(max = 30) int cutTail) {
    byte[] all = Reading.concat(raws.stream().map(FrameWriter::writeRaw).toArray(byte[][]::new));
    byte[] stream = java.util.Arrays.copyOf(all, Math.max(0, all.length - cutTail));
    Reading whole = new Reading(false, maxFrameSize).feed(stream).finish();
    Reading cut = new Reading(false, maxFrameSize).feed(stream, FrameArbitraries.cycling(sizes)).finish();
    assertEquals(whole.events, cut.events);

    // The frame the cut falls inside, if any: truncation is reported at its start, even when it
    // was already reported as oversized at its header.
    long cutFrameStart = -1;
    long start = 0;
    for (RawFrame raw : raws) {
      long end = start + FrameHeader.SIZE + raw.payload().length();
      if (start < stream.length && stream.length < end) cutFrameStart = start;
      start = end;
    }
    long at = 0;
    int i = 0;
    for (ReadEvent e : whole.events) {
      if (e instanceof ReadEvent.StreamBroken broken) {
        assertEquals(FrameProblem.Kind.TRUNCATED, broken.problem().kind());
        assertEquals(cutFrameStart, broken.offset(), "truncation is reported where the cut frame starts");
        assertEquals(whole.events.get(whole.events.size() - 1), e, "nothing follows");
        continue;
      }
      assertEquals(at, e.offset());
      RawFrame expected = raws.get(i++);
      if (e instanceof ReadEvent.OversizedFrame over) {
        assertTrue(expected.header().length() > maxFrameSize);
        assertEquals(expected.header(), over.header());
      } else {
        RawFrame got = e instanceof ReadEvent.FrameRead r ? r.raw() : ((ReadEvent.MalformedFrame) e).raw();
        assertEquals(expected, got);
      }
      at += FrameHeader.SIZE + expected.payload().length();
    }
    assertEquals(i, whole.reader.frameCount());
    assertEquals(cutFrameStart >= 0, whole.events.stream().anyMatch(e -> e instanceof ReadEvent.StreamBroken));
  }

  @Property(tries = 500)
  void garbageNeverThrowsAndEveryOctetIsConsumedUnlessTheStreamBreaks(
      @ForAll("garbage") byte[] garbage, @ForAll("pieceSizes") List<Integer> sizes,
      @ForAll boolean preface, @ForAll @IntRange(min = 0, max = 24) int goodPrefaceOctets,
      @ForAll @IntRange(min = 0, max = 20000) int maxFrameSize) {
    // In preface mode, start with part of the real preface so that garbage also meets the
    // reader past the first octet.
    byte[] stream = preface
        ? Reading.concat(java.util.Arrays.copyOf(FrameReader.CLIENT_PREFACE.toArray(), goodPrefaceOctets), garbage)
        : garbage;
    Reading r = new Reading(preface, maxFrameSize);
    r.feed(stream, FrameArbitraries.cycling(sizes));
    long before = r.reader.offset();
    if (r.reader.isBroken()) {
      ReadEvent last = r.events.get(r.events.size() - 1);
      ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, last);
      assertEquals(FrameProblem.Kind.BAD_PREFACE, broken.problem().kind());
      assertEquals(before, broken.offset(), "a bad preface stops at the differing octet");
      assertTrue(broken.offset() >= goodPrefaceOctets || !preface);
    } else {
      assertEquals(stream.length, before);
    }
    r.finish();
    assertEquals(before, r.reader.offset());
    long previous = -1;
    for (ReadEvent e : r.events) {
      assertTrue(e.offset() >= previous && e.offset() <= stream.length, "offsets in order: " + r.events);
      previous = e.offset();
    }
    long brokenEvents = r.events.stream().filter(e -> e instanceof ReadEvent.StreamBroken).count();
    assertTrue(brokenEvents <= 1);
    if (brokenEvents == 1) {
      assertInstanceOf(ReadEvent.StreamBroken.class, r.events.get(r.events.size() - 1));
    }
  }

  @Property(tries = 200)
  void aBadPrefaceIsReportedAtTheFirstDifferingOctetHoweverCut(
      @ForAll @IntRange(min = 0, max = 23) int at, @ForAll("pieceSizes") List<Integer> sizes,
      @ForAll @Size(max = 50) List<Byte> tail) {
    byte[] bytes = FrameReader.CLIENT_PREFACE.toArray();
    bytes[at] ^= 0x20;
    byte[] tailBytes = new byte[tail.size()];
    for (int i = 0; i < tailBytes.length; i++) tailBytes[i] = tail.get(i);
    Reading r = new Reading(true, 16384).feed(Reading.concat(bytes, tailBytes), FrameArbitraries.cycling(sizes));
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.only());
    assertEquals(FrameProblem.Kind.BAD_PREFACE, broken.problem().kind());
    assertEquals(at, broken.problem().offset());
    assertEquals(at, r.reader.offset());
  }
}
