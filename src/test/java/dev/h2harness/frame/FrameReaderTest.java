package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental reader: preface, offsets, oversized frames, truncation. */
class FrameReaderTest {
  private static final byte[] PREFACE = FrameReader.CLIENT_PREFACE.toArray();
  private static final byte[] SETTINGS = FrameWriter.write(Frame.Settings.of(
      new Setting(SettingsParameter.MAX_CONCURRENT_STREAMS, 100)));
  private static final byte[] PING = FrameWriter.write(Frame.Ping.of(Bytes.zeros(8), false));

  @Test
  void goodPrefaceIsReportedAtZeroAndTheFirstFrameAt24() {
    Reading r = new Reading(true, 16384).feed(Reading.concat(PREFACE, SETTINGS)).finish();
    assertEquals(2, r.events.size());
    assertEquals(new ReadEvent.PrefaceRead(0), r.events.get(0));
    ReadEvent.FrameRead f = assertInstanceOf(ReadEvent.FrameRead.class, r.events.get(1));
    assertEquals(24, f.offset());
    assertEquals(0, f.index(), "frames are counted from 0 after the preface");
    assertEquals(24 + SETTINGS.length, r.reader.offset());
  }

  @Test
  void prefaceSplitIntoOneOctetPiecesReadsTheSameAsWhole() {
    byte[] bytes = Reading.concat(PREFACE, SETTINGS, PING);
    Reading whole = new Reading(true, 16384).feed(bytes).finish();
    Reading single = new Reading(true, 16384);
    for (int i = 0; i < PREFACE.length - 1; i++) {
      single.reader.feed(bytes, i, 1);
      assertTrue(single.events.isEmpty(), "nothing reported after " + (i + 1) + " preface octets");
    }
    single.feed(java.util.Arrays.copyOfRange(bytes, PREFACE.length - 1, bytes.length), () -> 1).finish();
    assertEquals(whole.events, single.events);
    assertEquals(3, whole.events.size());
  }

  @Test
  void badPrefaceIsReportedAtTheFirstDifferingOctet() {
    byte[] http11 = Reading.concat("PRI * HTTP/1.1\r\n\r\nSM\r\n\r\n".getBytes(), SETTINGS);
    for (Reading r : List.of(new Reading(true, 16384).feed(http11),
        new Reading(true, 16384).feedByteAtATime(http11))) {
      ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.only());
      // "PRI * HTTP/" is 11 octets; the '1' at offset 11 is where '2' belongs.
      assertEquals(11, broken.offset());
      assertEquals(FrameProblem.Kind.BAD_PREFACE, broken.problem().kind());
      assertEquals(11, broken.problem().offset());
      assertTrue(r.reader.isBroken());
      r.finish();
      assertEquals(1, r.events.size(), "nothing follows a broken stream, not even at finish()");
    }
  }

  @Test
  void clientThatSkipsThePrefaceBreaksTheStreamAtOctetZero() {
    Reading r = new Reading(true, 16384).feed(SETTINGS);
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.only());
    assertEquals(0, broken.problem().offset());
    assertEquals(FrameProblem.Kind.BAD_PREFACE, broken.problem().kind());
  }

  @Test
  void oversizedFrameIsReportedAfterItsHeaderAndItsPayloadIsSkipped() {
    FrameHeader huge = new FrameHeader(0xffffff, FrameType.DATA.code, 0, 1);
    Reading r = new Reading(false, 16384);
    r.feed(huge.toBytes());
    ReadEvent.OversizedFrame over = assertInstanceOf(ReadEvent.OversizedFrame.class, r.only());
    assertEquals(0, over.offset());
    assertEquals(0, over.index());
    assertEquals(huge, over.header());
    assertEquals(FrameProblem.Kind.FRAME_TOO_LARGE, over.problem().kind());
    assertEquals(ErrorCode.FRAME_SIZE_ERROR, over.problem().kind().errorCode);
    assertEquals(9, r.reader.offset());

    byte[] piece = new byte[65536];
    long left = 0xffffff;
    while (left > 0) {
      int n = (int) Math.min(piece.length, left);
      r.reader.feed(piece, 0, n);
      left -= n;
    }
    assertEquals(1, r.events.size(), "the skipped payload reports nothing");
    assertTrue(r.reader.atFrameBoundary());
    r.feed(PING);
    ReadEvent.FrameRead next = assertInstanceOf(ReadEvent.FrameRead.class, r.events.get(1));
    assertEquals(9 + 0xffffff, next.offset());
    assertEquals(1, next.index());
  }

  @Test
  void oversizedFramePayloadSharingAPieceWithTheNextFrameIsSkippedExactly() {
    byte[] bytes = Reading.concat(new FrameHeader(20, 0, 0, 1).toBytes(), new byte[20], PING);
    Reading r = new Reading(false, 16).feed(bytes).finish();
    assertEquals(2, r.events.size());
    assertInstanceOf(ReadEvent.OversizedFrame.class, r.events.get(0));
    assertEquals(29, assertInstanceOf(ReadEvent.FrameRead.class, r.events.get(1)).offset());
  }

  @Test
  void skippingAnOversizedPayloadAllocatesNothingLikeItsLength() {
    com.sun.management.ThreadMXBean mx = threadMx();
    Reading r = new Reading(false, 16384);
    byte[] header = new FrameHeader(0xffffff, 0, 0, 1).toBytes();
    byte[] piece = new byte[65536];
    long before = mx.getCurrentThreadAllocatedBytes();
    r.reader.feed(header);
    for (int i = 0; i < 255; i++) r.reader.feed(piece);
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertEquals(9 + 255L * 65536, r.reader.offset());
    assertTrue(allocated < 1 << 20, "skipping 16 MiB allocated " + allocated + " bytes");
  }

  @Test
  void aLegal16MiBLengthFieldAllocatesLittleUntilItsOctetsArrive() {
    com.sun.management.ThreadMXBean mx = threadMx();
    Reading r = new Reading(false, 0xffffff);
    byte[] header = new FrameHeader(0xffffff, 0, 0, 1).toBytes();
    long before = mx.getCurrentThreadAllocatedBytes();
    r.reader.feed(header);
    r.reader.feed(new byte[] {1});
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertTrue(r.events.isEmpty());
    assertTrue(allocated < 1 << 20, "a header and one octet allocated " + allocated + " bytes");
  }

  @Test
  void largerMaxFrameSizeAppliesToTheNextHeader() {
    byte[] frame = FrameWriter.write(Frame.Data.of(1, Bytes.zeros(100), false));
    Reading r = new Reading(false, 50).feed(frame);
    assertInstanceOf(ReadEvent.OversizedFrame.class, r.only());
    r.reader.setMaxFrameSize(100);
    r.feed(frame);
    ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, r.events.get(1));
    assertEquals(frame.length, read.offset());
    assertEquals(100, r.reader.maxFrameSize());
  }

  @Test
  void streamEndingInsideAPayloadIsTruncatedAtThatFramesOffset() {
    byte[] data = FrameWriter.write(Frame.Data.of(1, Bytes.zeros(10), false));
    Reading r = Reading.frames().feed(Reading.concat(PING, java.util.Arrays.copyOf(data, 12))).finish();
    assertEquals(2, r.events.size());
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.events.get(1));
    assertEquals(PING.length, broken.offset());
    assertEquals(FrameProblem.Kind.TRUNCATED, broken.problem().kind());
    assertEquals(PING.length, broken.problem().offset());
    assertTrue(r.reader.isBroken());
  }

  @Test
  void streamEndingInsideAHeaderIsTruncatedAtThatHeadersOffset() {
    Reading r = Reading.frames().feed(Reading.concat(PING, PING, new byte[] {0, 0, 8, 6})).finish();
    assertEquals(3, r.events.size());
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.events.get(2));
    assertEquals(FrameProblem.Kind.TRUNCATED, broken.problem().kind());
    assertEquals(2L * PING.length, broken.offset(), "the partial header starts after two PINGs");
    assertEquals(2L * PING.length, broken.problem().offset());
  }

  @Test
  void streamEndingInsideAnOversizedFramesPayloadIsTruncatedAtThatFrame() {
    Reading r = new Reading(false, 16).feed(PING)
        .feed(Reading.concat(new FrameHeader(100, 0, 0, 1).toBytes(), new byte[50])).finish();
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.events.get(2));
    assertEquals(PING.length, broken.problem().offset());
  }

  @Test
  void streamEndingInsideThePrefaceIsTruncatedAtZero() {
    Reading r = new Reading(true, 16384).feed(java.util.Arrays.copyOf(PREFACE, 10)).finish();
    ReadEvent.StreamBroken broken = assertInstanceOf(ReadEvent.StreamBroken.class, r.only());
    assertEquals(FrameProblem.Kind.TRUNCATED, broken.problem().kind());
    assertEquals(0, broken.offset());
  }

  @Test
  void streamEndingAtAFrameBoundaryReportsNothingAndLaterBytesAreIgnored() {
    Reading r = Reading.frames().feed(PING).finish();
    assertEquals(1, r.events.size());
    assertTrue(r.reader.isBroken());
    r.feed(PING);
    assertEquals(1, r.events.size());
    assertEquals(PING.length, r.reader.offset());
  }

  @Test
  void malformedFrameIsReportedWithItsRawOctetsAndReadingGoesOn() {
    byte[] badPing = FrameWriter.writeLenient(new Frame.Ping(0, 0, Bytes.zeros(7)));
    Reading r = Reading.frames().feed(Reading.concat(badPing, PING)).finish();
    ReadEvent.MalformedFrame bad = assertInstanceOf(ReadEvent.MalformedFrame.class, r.events.get(0));
    assertEquals(FrameProblem.Kind.BAD_FIXED_LENGTH, bad.problem().kind());
    assertEquals(7, bad.raw().payload().length());
    ReadEvent.FrameRead next = assertInstanceOf(ReadEvent.FrameRead.class, r.events.get(1));
    assertEquals(badPing.length, next.offset());
    assertEquals(1, next.index());
    assertEquals(2, r.reader.frameCount());
  }

  @Test
  void byteBuffersAreReadFromTheirPositionWhetherHeapDirectOrReadOnly() {
    byte[] bytes = Reading.concat(new byte[] {7, 7, 7}, PING);
    for (ByteBuffer buf : List.of(ByteBuffer.wrap(bytes), direct(bytes),
        ByteBuffer.wrap(bytes).asReadOnlyBuffer())) {
      buf.position(3);
      Reading r = Reading.frames();
      r.reader.feed(buf);
      assertFalse(buf.hasRemaining(), "the buffer is consumed");
      assertEquals(Frame.Ping.of(Bytes.zeros(8), false),
          assertInstanceOf(ReadEvent.FrameRead.class, r.only()).frame());
    }
  }

  @Test
  void partlyReadFrameIsNotAFrameBoundary() {
    Reading r = Reading.frames();
    assertTrue(r.reader.atFrameBoundary());
    r.reader.feed(PING, 0, 5);
    assertFalse(r.reader.atFrameBoundary());
    r.reader.feed(PING, 5, 8);
    assertFalse(r.reader.atFrameBoundary());
    r.reader.feed(PING, 13, 4);
    assertTrue(r.reader.atFrameBoundary());
    assertEquals(1, r.events.size());
  }

  private static ByteBuffer direct(byte[] b) {
    ByteBuffer d = ByteBuffer.allocateDirect(b.length);
    d.put(b).flip();
    return d;
  }

  private static com.sun.management.ThreadMXBean threadMx() {
    var mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    var sun = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counting is off");
    return sun;
  }
}
