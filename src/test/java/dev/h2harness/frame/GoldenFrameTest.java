package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Parses every golden frame of fixtures/frames and writes it back (format in its README.md). */
class GoldenFrameTest {
  private static final Set<String> NUMBERS = Set.of("flags", "stream", "length", "offset", "padlen",
      "pad_length", "nonzero_padding_index", "nonzero_padding_offset", "dependency", "weight",
      "promised", "last_stream", "increment");
  private static final Set<String> HEX = Set.of("data", "padding", "fragment", "opaque", "debug",
      "payload");
  /** Keys that are instructions to the test rather than facts about the frame. */
  private static final Set<String> DIRECTIVES = Set.of("write");

  private static List<Path> fixtureFiles() throws IOException {
    try (Stream<Path> files = Files.list(HexFixture.directory())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().toList();
    }
  }

  @Test
  void fixtureDirectoryHoldsEveryRequiredCase() throws IOException {
    Set<String> names = fixtureFiles().stream().map(p -> p.getFileName().toString())
        .collect(Collectors.toSet());
    for (String required : List.of("data-unpadded", "data-padlen1", "data-padlen2", "data-padlen256",
        "data-end-stream-empty", "data-unknown-flag", "data-nonzero-padding", "headers-padded",
        "headers-priority", "priority", "rst-stream", "settings", "settings-ack", "push-promise",
        "ping", "ping-ack", "goaway", "window-update", "continuation", "unknown-type",
        "malformed-data-pad-length-equals-payload", "malformed-data-padded-empty",
        "malformed-ping-7", "malformed-settings-5", "malformed-window-update-3")) {
      assertTrue(names.contains(required + ".hex"), "missing fixture " + required + ".hex in "
          + HexFixture.directory());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenFrameParsesAsItsExpectationsSayAndWritesBackIdentically()
      throws IOException {
    return fixtureFiles().stream().map(file ->
        DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> check(file)));
  }

  private static void check(Path file) {
    HexFixture fx = HexFixture.load(file);
    for (String required : List.of("type", "flags", "stream")) {
      if (!fx.expect().containsKey(required)) {
        fail(fx.name() + ":1: no '#! " + required + " = ...' expectation");
      }
    }
    ReadEvent event = Reading.frames().feed(fx.bytes()).finish().only();
    // The same octets one at a time must give the same report.
    assertEquals(event, Reading.frames().feedByteAtATime(fx.bytes()).finish().only(),
        fx.name() + ": fed one octet at a time");

    Map<String, String> actual = describe(event);
    for (Map.Entry<String, String> e : fx.expect().entrySet()) {
      String key = e.getKey();
      if (DIRECTIVES.contains(key)) continue;
      if (!actual.containsKey(key)) {
        fail(fx.where(key) + ": '" + key + "' does not apply to " + event);
      }
      assertEquals(normalise(fx, key, e.getValue()), actual.get(key), fx.where(key) + ": " + key);
    }

    if (fx.expect().containsKey("problem")) {
      ReadEvent.MalformedFrame bad = assertInstanceOf(ReadEvent.MalformedFrame.class, event, fx.name());
      assertArrayEquals(fx.bytes(), FrameWriter.writeRaw(bad.raw()), fx.name() + ": writeRaw");
      return;
    }
    ReadEvent.FrameRead read = assertInstanceOf(ReadEvent.FrameRead.class, event, fx.name());
    String mode = fx.expect().getOrDefault("write", "strict");
    switch (mode) {
      case "strict" -> assertArrayEquals(fx.bytes(), FrameWriter.write(read.frame()),
          fx.name() + ": FrameWriter.write");
      case "lenient" -> {
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.write(read.frame()),
            fx.name() + ": the strict writer should refuse this frame");
        assertArrayEquals(fx.bytes(), FrameWriter.writeLenient(read.frame()),
            fx.name() + ": FrameWriter.writeLenient");
      }
      default -> fail(fx.where("write") + ": write must be strict or lenient, not " + mode);
    }
    assertEquals(read.raw(), FrameWriter.toRaw(read.frame()), fx.name() + ": toRaw");
  }

  private static String normalise(HexFixture fx, String key, String value) {
    if (NUMBERS.contains(key)) {
      try {
        return Long.toString(Long.decode(value));
      } catch (NumberFormatException e) {
        throw new HexFixture.FormatException(fx.name(), fx.lineOf().get(key),
            key + " must be a number: " + value);
      }
    }
    if (HEX.contains(key)) {
      return value.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }
    return value;
  }

  /** The expectation keys for what the reader reported, in canonical form. */
  static Map<String, String> describe(ReadEvent event) {
    Map<String, String> m = new LinkedHashMap<>();
    FrameHeader h;
    long at = event.offset();
    if (event instanceof ReadEvent.FrameRead r) {
      h = r.raw().header();
    } else if (event instanceof ReadEvent.MalformedFrame bad) {
      h = bad.raw().header();
      m.put("problem", bad.problem().kind().name());
      m.put("offset", Long.toString(bad.problem().offset()));
    } else {
      throw new AssertionError("not a frame: " + event);
    }
    m.put("type", FrameType.nameOf(h.type()));
    m.put("flags", Integer.toString(h.flags()));
    m.put("stream", Integer.toString(h.streamId()));
    m.put("length", Integer.toString(h.length()));
    if (!(event instanceof ReadEvent.FrameRead r)) {
      return m;
    }
    long payloadAt = at + FrameHeader.SIZE;
    Frame f = r.frame();
    if (f instanceof Frame.Data d) {
      m.put("data", d.data().hex());
      padding(m, d.padding(), payloadAt + d.payloadLength());
    } else if (f instanceof Frame.Headers hd) {
      m.put("fragment", hd.fragment().hex());
      padding(m, hd.padding(), payloadAt + hd.payloadLength());
      if (hd.priority() != null) priority(m, hd.priority());
    } else if (f instanceof Frame.Priority p) {
      priority(m, p.priority());
    } else if (f instanceof Frame.RstStream rst) {
      m.put("error", ErrorCode.nameOf(rst.errorCode()));
    } else if (f instanceof Frame.Settings s) {
      m.put("ack", Boolean.toString(s.isAck()));
      m.put("settings", s.settings().stream().map(Setting::toString).collect(Collectors.joining(", ")));
    } else if (f instanceof Frame.PushPromise pp) {
      m.put("promised", Integer.toString(pp.promisedStreamId()));
      m.put("fragment", pp.fragment().hex());
      padding(m, pp.padding(), payloadAt + pp.payloadLength());
    } else if (f instanceof Frame.Ping p) {
      m.put("ack", Boolean.toString(p.isAck()));
      m.put("opaque", p.opaque().hex());
    } else if (f instanceof Frame.GoAway g) {
      m.put("last_stream", Integer.toString(g.lastStreamId()));
      m.put("error", ErrorCode.nameOf(g.errorCode()));
      m.put("debug", g.debugData().hex());
    } else if (f instanceof Frame.WindowUpdate w) {
      m.put("increment", Integer.toString(w.increment()));
      m.put("increment_reserved_bit", Boolean.toString(w.incrementField() < 0));
    } else if (f instanceof Frame.Continuation c) {
      m.put("fragment", c.fragment().hex());
    } else if (f instanceof Frame.Unknown u) {
      m.put("payload", u.payload().hex());
    }
    return m;
  }

  /** {@code end} is the absolute offset just after the payload, where the padding ends. */
  private static void padding(Map<String, String> m, Padding p, long end) {
    m.put("padlen", Integer.toString(p == null ? 0 : p.padlen()));
    if (p == null) return;
    m.put("pad_length", Integer.toString(p.padLength()));
    m.put("padding", p.octets().hex());
    int nz = p.octets().indexOfNonZero();
    m.put("nonzero_padding_index", Integer.toString(nz));
    if (nz >= 0) {
      m.put("nonzero_padding_offset", Long.toString(end - p.octets().length() + nz));
    }
  }

  private static void priority(Map<String, String> m, PrioritySpec p) {
    m.put("exclusive", Boolean.toString(p.exclusive()));
    m.put("dependency", Integer.toString(p.dependency()));
    m.put("weight", Integer.toString(p.weight()));
  }
}
