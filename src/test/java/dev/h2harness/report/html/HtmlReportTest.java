package dev.h2harness.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.capture.RecordedRuns;
import dev.h2harness.check.Finding;
import dev.h2harness.report.RunSummary;
import dev.h2harness.scenario.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void theFailingFrameIsHighlightedAndItsOffendingOctetMarked() throws Exception {
    RecordedRuns.Recorded r = RecordedRuns.failing();
    Finding nz = r.result().findings().stream().filter(f -> f.rule().id().equals("data.padding.nonzero")).findFirst().orElseThrow();
    assertEquals(r.offending(), nz.offset());
    HtmlReport report = new HtmlReport(dir, "check");
    report.scenario(r.result(), r.recording(), null);
    report.finish(new RunSummary("in-memory", List.of(r.result()), 1));
    String page = Files.readString(dir.resolve("scenarios/padding/nonzero-padding-octet.html"));
    // exactly one ladder row highlighted: the DATA frame on stream 1
    Matcher rows = Pattern.compile("<tr id=\"t-(\\d+)\" class=\"finding\">(.*?)</tr>").matcher(page);
    assertTrue(rows.find(), "a highlighted row");
    assertTrue(rows.group(2).contains("DATA stream=1 len=30"), rows.group(2));
    long frameOffset = Long.parseLong(rows.group(1));
    assertFalse(rows.find(), "only one highlighted row");
    // the marked octet is the tampered one: 0x07, at the finding's offset
    Matcher bad = Pattern.compile("<span class=\"f-pad offending\" id=\"offending\" title=\"offending octet at byte (\\d+)\">07</span>")
        .matcher(page);
    assertTrue(bad.find(), "the offending padding octet is marked");
    assertEquals(nz.offset(), Long.parseLong(bad.group(1)));
    assertTrue(nz.offset() > frameOffset && nz.offset() < frameOffset + 9 + 30);
    assertTrue(page.contains("class=\"f-padlen\">13</span>"), "Pad Length 0x13 = 19 octets of padding");
    assertTrue(page.contains("expected: <code class=\"expected\">"), "expected vs actual");
    String index = Files.readString(dir.resolve("index.html"));
    assertTrue(index.contains("href=\"scenarios/padding/nonzero-padding-octet.html\""), index);
    assertTrue(index.contains("1 failed"), index);
    assertFalse(index.contains("http://") || index.contains("https://") || page.contains("src="), "no network");
  }

  /**
   * The size of a 300-scenario report: 300 pages of the padded run (a dozen frames each) plus
   * the failing one with its hex. It is printed, and bounded at a few MB.
   */
  @Test
  void aThreeHundredScenarioReportStaysSmall() throws Exception {
    RecordedRuns.Recorded pass = RecordedRuns.padded();
    RecordedRuns.Recorded fail = RecordedRuns.failing();
    HtmlReport report = new HtmlReport(dir, "check");
    List<ScenarioResult> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      RecordedRuns.Recorded r = i % 10 == 0 ? fail : pass;
      var s = r.result().scenario();
      var renamed = new dev.h2harness.scenario.Scenario(s.id() + "-" + i, s.title(), s.topic(), s.covers(), s.control(),
          s.settings(), s.flow(), s.preface(), s.steps(), s.expect(), s.source());
      ScenarioResult sr = new ScenarioResult(renamed, r.result().verdict(), r.result().reason(), r.result().findings(),
          r.result().frameLog(), r.result().nanos());
      report.scenario(sr, r.recording(), null);
      all.add(sr);
    }
    report.finish(new RunSummary("in-memory", all, 1));
    long bytes;
    try (var files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("HTML report of 300 scenarios (30 failing): %d octets%n", bytes);
    assertTrue(bytes < 4_000_000, bytes + " octets");
  }

  @Test
  void hexOfALongDataFrameShowsHeaderOffendingRowAndPaddingOnly() {
    byte[] frame = new byte[9 + 16384];
    frame[1] = 0x40; // length 16384
    frame[4] = 0x08; // PADDED
    frame[8] = 1;
    frame[9] = (byte) 200;
    var header = dev.h2harness.frame.FrameHeader.parse(frame, 0);
    LadderFrame f = new LadderFrame(dev.h2harness.check.Direction.FROM_TARGET, 1000, 3, 0, header, frame, "");
    String hex = HexView.render(f, 1000 + 8000);
    assertTrue(hex.contains("id=\"offending\""), "offending octet in a middle row is shown");
    assertTrue(hex.contains("octets not shown"), "the data between is elided");
    assertTrue(hex.length() < 60_000, hex.length() + " characters");
    assertEquals(200, hex.split("class=\"f-pad", -1).length - 1 - count(hex, "f-padlen"), "200 padding octets shown");
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }
}
