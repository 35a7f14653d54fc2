package dev.h2harness.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.capture.RecordedRuns;
import dev.h2harness.capture.Tool;
import dev.h2harness.check.Finding;
import dev.h2harness.report.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser (Debian's chromium, headless): the DOM it builds from the page
 * has the failing frame's ladder row highlighted and the offending octet marked, and the summary
 * page's rows and links. Nothing is fetched: the pages are self-contained files.
 */
@Timeout(180)
class ChromiumRenderTest {
  @TempDir Path dir;

  @Test
  void theBrowsersDomHighlightsTheFailingFrameAndMarksTheOffendingOctet() throws Exception {
    Path chromium = External.require("chromium", "the HTML report rendered in a real browser");
    RecordedRuns.Recorded fail = RecordedRuns.failing();
    RecordedRuns.Recorded pass = RecordedRuns.padded();
    Finding nz = fail.result().findings().stream().filter(f -> f.rule().id().equals("data.padding.nonzero")).findFirst().orElseThrow();
    HtmlReport report = new HtmlReport(dir.resolve("report"), "check");
    report.scenario(fail.result(), fail.recording(), null);
    report.scenario(pass.result(), pass.recording(), null);
    report.finish(new RunSummary("in-memory reference, tampered", List.of(fail.result(), pass.result()), 1));

    String dom = dumpDom(chromium, dir.resolve("report/scenarios/padding/nonzero-padding-octet.html"));
    Matcher row = Pattern.compile("<tr id=\"t-\\d+\" class=\"finding\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
    assertTrue(row.find(), "a highlighted ladder row in the DOM:\n" + dom);
    assertTrue(row.group(1).contains("DATA stream=1 len=30"), row.group(1));
    assertTrue(row.group(1).contains("class=\"target\""), "on the target's side: " + row.group(1));
    Matcher octet = Pattern.compile("<span class=\"f-pad offending\" id=\"offending\" title=\"offending octet at byte (\\d+)\">07</span>")
        .matcher(dom);
    assertTrue(octet.find(), "the offending octet is marked in the DOM");
    assertEquals(nz.offset(), Long.parseLong(octet.group(1)));

    // The picture in docs/ comes from here: target/report-failing-scenario.png.
    Path png = External.projectRoot().resolve("target/report-failing-scenario.png");
    Tool.Result shot = Tool.run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--hide-scrollbars", "--window-size=1100,900",
        "--user-data-dir=" + profile(), "--screenshot=" + png,
        dir.resolve("report/scenarios/padding/nonzero-padding-octet.html").toUri().toString()), 120);
    assertEquals(0, shot.exit(), shot.err());
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
    assertEquals("\u0089PNG", new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));

    String index = dumpDom(chromium, dir.resolve("report/index.html"));
    assertTrue(index.contains("1 failed") && index.contains("1 passed"), index);
    assertTrue(index.contains("<tr class=\"row st-failed\" data-topic=\"padding\">"), index);
  }

  private Path profile() throws Exception {
    return Files.createTempDirectory(dir, "profile");
  }

  private String dumpDom(Path chromium, Path page) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile(), "--dump-dom", page.toUri().toString()));
    Tool.Result r = Tool.run(cmd, 120);
    assertEquals(0, r.exit(), r.err());
    return r.out();
  }
}
