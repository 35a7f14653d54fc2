package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frame types' metadata against RFC 9113 §6 as written out here by hand (not derived from the
 * enum), and the §6.5.2 initial values and ranges of SETTINGS.
 */
class FrameTypeMetadataTest {
  /** RFC 9113 §6.x: "stream identifier" paragraph of each type: 0 = must be 0, 1 = must not be 0, 2 = either. */
  private static final Map<FrameType, Integer> STREAM = Map.of(FrameType.DATA, 1, FrameType.HEADERS, 1,
      FrameType.PRIORITY, 1, FrameType.RST_STREAM, 1, FrameType.SETTINGS, 0, FrameType.PUSH_PROMISE, 1,
      FrameType.PING, 0, FrameType.GOAWAY, 0, FrameType.WINDOW_UPDATE, 2, FrameType.CONTINUATION, 1);
  /** RFC 9113 §6.x "Flags" lists. */
  private static final Map<FrameType, Integer> FLAGS = Map.of(FrameType.DATA, 0x09, FrameType.HEADERS, 0x2d,
      FrameType.PRIORITY, 0, FrameType.RST_STREAM, 0, FrameType.SETTINGS, 0x01, FrameType.PUSH_PROMISE, 0x0c,
      FrameType.PING, 0x01, FrameType.GOAWAY, 0, FrameType.WINDOW_UPDATE, 0, FrameType.CONTINUATION, 0x04);
  /** RFC 9113 §6.3, §6.4, §6.7, §6.9: the types whose payload length is fixed. */
  private static final Map<FrameType, Integer> FIXED = Map.of(FrameType.PRIORITY, 5, FrameType.RST_STREAM, 4,
      FrameType.PING, 8, FrameType.WINDOW_UPDATE, 4);

  @Test
  void everyTypeCarriesTheRfcsMetadata() {
    for (FrameType t : FrameType.values()) {
      int want = STREAM.get(t);
      assertEquals(want != 1, t.streams.allows(0), t + " on stream 0");
      assertEquals(want != 0, t.streams.allows(1), t + " on stream 1");
      assertEquals(want != 0, t.streams.allows(Integer.MAX_VALUE), t + " on stream 2^31-1");
      assertEquals(FLAGS.get(t), t.definedFlags, t + " flags");
      assertEquals(FLAGS.get(t), Flags.definedFor(t.code), t + " Flags.definedFor");
      assertEquals(FIXED.getOrDefault(t, -1), t.fixedLength, t + " fixed length");
      assertTrue(t.section.startsWith("6."), t.section);
    }
    assertEquals(0, Flags.definedFor(0xfa));
    assertNull(FrameType.streamProblem(0xfa, 0), "an unknown type may be anywhere (§5.5)");
  }

  @Test
  void streamProblemsNameTheTypeAndSection() {
    assertEquals("DATA on stream 0 (RFC 9113 §6.1)", FrameType.DATA.streamProblem(0));
    assertEquals("GOAWAY on stream 3, must be 0 (RFC 9113 §6.8)", FrameType.GOAWAY.streamProblem(3));
    assertNull(FrameType.WINDOW_UPDATE.streamProblem(0));
    assertNull(FrameType.WINDOW_UPDATE.streamProblem(7));
  }

  @Test
  void parserRejectsEveryFixedLengthTypeOfAnotherLength() {
    for (Map.Entry<FrameType, Integer> e : FIXED.entrySet()) {
      int len = e.getValue() + 1;
      RawFrame raw = new RawFrame(new FrameHeader(len, e.getKey().code, 0, e.getKey() == FrameType.PING ? 0 : 1),
          Bytes.wrap(new byte[len], 0, len));
      ParsedFrame p = FrameParser.parse(raw, 0);
      assertTrue(p instanceof ParsedFrame.Bad b && b.problem().kind() == FrameProblem.Kind.BAD_FIXED_LENGTH, e.getKey() + ": " + p);
    }
  }

  @Test
  void settingsInitialValuesAndRangesAreRfc9113s() {
    assertEquals(4096, SettingsParameter.HEADER_TABLE_SIZE.initialValue);
    assertEquals(4096, SettingsParameter.DEFAULT_HEADER_TABLE_SIZE);
    // hpack knows no SETTINGS and keeps its own copy of the default: the two must agree.
    assertEquals(SettingsParameter.DEFAULT_HEADER_TABLE_SIZE, dev.h2harness.hpack.HpackEncoder.DEFAULT_TABLE_SIZE);
    assertEquals(1, SettingsParameter.ENABLE_PUSH.initialValue);
    assertEquals(65535, SettingsParameter.DEFAULT_WINDOW);
    assertEquals(16384, SettingsParameter.DEFAULT_MAX_FRAME_SIZE);
    assertEquals(SettingsParameter.UNLIMITED, SettingsParameter.MAX_CONCURRENT_STREAMS.initialValue);
    assertEquals(SettingsParameter.UNLIMITED, SettingsParameter.MAX_HEADER_LIST_SIZE.initialValue);
    assertEquals(SettingsParameter.INITIAL_WINDOW_SIZE, SettingsParameter.of(4));
    assertNull(SettingsParameter.of(7));
    assertEquals("0x7", SettingsParameter.nameOf(7));

    assertProblem(ErrorCode.PROTOCOL_ERROR, SettingsParameter.ENABLE_PUSH, 2, false);
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.ENABLE_PUSH, 1), false));
    // RFC 9113 §6.5.2: a client treats ENABLE_PUSH 1 from a server as a connection error.
    assertProblem(ErrorCode.PROTOCOL_ERROR, SettingsParameter.ENABLE_PUSH, 1, true);
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.ENABLE_PUSH, 0), true));
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, (1L << 31) - 1), false));
    assertProblem(ErrorCode.FLOW_CONTROL_ERROR, SettingsParameter.INITIAL_WINDOW_SIZE, 1L << 31, false);
    assertProblem(ErrorCode.PROTOCOL_ERROR, SettingsParameter.MAX_FRAME_SIZE, 16383, false);
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.MAX_FRAME_SIZE, 16384), false));
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.MAX_FRAME_SIZE, 16777215), false));
    assertProblem(ErrorCode.PROTOCOL_ERROR, SettingsParameter.MAX_FRAME_SIZE, 16777216, false);
    assertNull(SettingsParameter.problem(new Setting(SettingsParameter.HEADER_TABLE_SIZE, 0xffffffffL), false));
    assertNull(SettingsParameter.problem(new Setting(0xabcd, 0xffffffffL), true), "unknown ids are ignored");
  }

  private static void assertProblem(ErrorCode code, SettingsParameter p, long value, boolean fromServer) {
    SettingsParameter.Problem problem = SettingsParameter.problem(new Setting(p, value), fromServer);
    assertEquals(code, problem == null ? null : problem.code(), p + " " + value);
  }
}
