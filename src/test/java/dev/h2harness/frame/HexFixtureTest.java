package dev.h2harness.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The golden-frame file format of fixtures/frames/README.md. */
class HexFixtureTest {
  @Test
  void commentsAndWhiteSpaceAreIgnoredAndExpectationsAreRead() {
    HexFixture fx = HexFixture.parse("x.hex", List.of(
        "#! type = DATA",
        "#! data =",
        "# a comment with hex-looking words: ab cd",
        "",
        "00 00 01   # length",
        "\t0A# type, upper case, no space before the comment",
        "ff"));
    assertArrayEquals(new byte[] {0, 0, 1, 0x0a, (byte) 0xff}, fx.bytes());
    assertEquals(Map.of("type", "DATA", "data", ""), fx.expect());
    assertEquals(2, fx.lineOf().get("data"));
    assertEquals("x.hex:1", fx.where("type"));
  }

  @Test
  void anOddNumberOfDigitsOnALineFailsNamingFileAndLine() {
    var e = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("bad.hex", List.of("#! type = DATA", "00 00 01", "0 00  # half an octet")));
    assertEquals("bad.hex:3: odd number of hex digits (3): a line carries whole octets", e.getMessage());
  }

  @Test
  void aNonHexCharacterFailsNamingFileAndLine() {
    var e = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("bad.hex", List.of("00 0g")));
    assertEquals("bad.hex:1: 'g' is not a hex digit", e.getMessage());
  }

  @Test
  void anExpectationAfterTheOctetsFailsNamingFileAndLine() {
    var e = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("late.hex", List.of("00", "#! type = DATA")));
    assertEquals("late.hex:2: expectation after the first hex line: #! type = DATA", e.getMessage());
  }

  @Test
  void aRepeatedOrMalformedExpectationFailsNamingFileAndLine() {
    var twice = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("dup.hex", List.of("#! stream = 1", "#! stream = 3", "00")));
    assertEquals("dup.hex:2: expectation 'stream' given twice (first on line 1)", twice.getMessage());
    var noEquals = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("eq.hex", List.of("#! stream 1", "00")));
    assertEquals("eq.hex:1: expectation is not '#! key = value': #! stream 1", noEquals.getMessage());
  }

  @Test
  void aFileWithoutOctetsFails() {
    var e = assertThrows(HexFixture.FormatException.class,
        () -> HexFixture.parse("empty.hex", List.of("#! type = DATA", "# nothing")));
    assertEquals("empty.hex:2: no octets in the file", e.getMessage());
  }
}
