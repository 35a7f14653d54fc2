package dev.h2harness.report.html;

import static dev.h2harness.report.html.Html.esc;

import dev.h2harness.capture.Recording;
import dev.h2harness.check.Direction;
import dev.h2harness.check.Finding;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameType;
import dev.h2harness.report.JsonReport;
import dev.h2harness.scenario.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's page: verdict, findings (expected vs actual), the annotated hex of each frame a
 * finding points at, and the frame ladder with those frames highlighted. Long ladders keep their
 * first and last rows and every highlighted one.
 */
final class ScenarioPage {
  static final int LADDER_HEAD = 1000;
  static final int LADDER_TAIL = 300;

  private ScenarioPage() {}

  /**
   * @param up the relative way back to the report's root ({@code ../} per folder)
   * @param pcap the capture's path relative to this page, or null
   */
  static String render(ScenarioResult r, Recording rec, String up, String pcap) {
    String status = JsonReport.status(r.verdict());
    StringBuilder b = new StringBuilder();
    b.append("<p><a href=\"").append(up).append("index.html\">← all scenarios</a></p>\n");
    b.append("<h1>").append(esc(r.scenario().id())).append("</h1>\n<p>").append(esc(r.scenario().title())).append("</p>\n");
    b.append("<p>status: <span class=\"").append(status).append("\" id=\"status\">").append(status).append("</span>")
        .append(" · topic ").append(esc(r.scenario().topic()))
        .append(r.scenario().covers() == null || r.scenario().covers().isEmpty() ? "" : " · covers " + esc(r.scenario().covers()))
        .append(String.format(" · %.3f s", r.nanos() / 1e9));
    if (pcap != null) b.append(" · <a href=\"").append(esc(pcap)).append("\">capture (pcapng)</a>");
    b.append("</p>\n");
    if (!r.reason().isEmpty()) b.append("<p>").append(esc(r.reason())).append("</p>\n");
    if (rec != null && !rec.comment().isEmpty() && !rec.comment().equals(r.scenario().title())) {
      b.append("<p>capture: ").append(esc(rec.comment())).append("</p>\n");
    }

    List<LadderFrame> ladder = rec == null ? List.of() : Ladder.of(rec);
    Map<LadderFrame, List<Finding>> pointed = new LinkedHashMap<>();
    List<Finding> unplaced = new ArrayList<>();
    for (Finding f : r.findings()) {
      LadderFrame at = frameOf(ladder, f);
      if (at == null) unplaced.add(f);
      else pointed.computeIfAbsent(at, k -> new ArrayList<>()).add(f);
    }
    if (!r.findings().isEmpty()) b.append("<h2>Findings</h2>\n");
    int n = 0;
    for (Map.Entry<LadderFrame, List<Finding>> e : pointed.entrySet()) {
      LadderFrame fr = e.getKey();
      b.append("<div class=\"finding-box\" id=\"finding-").append(n++).append("\">");
      for (Finding f : e.getValue()) b.append(findingText(f));
      b.append("<p>frame: <a href=\"#").append(anchor(fr)).append("\">").append(esc(describe(fr))).append("</a></p>");
      b.append(HexView.legend());
      b.append(HexView.render(fr, e.getValue().get(0).offset()));
      b.append("</div>\n");
    }
    for (Finding f : unplaced) {
      b.append("<div class=\"finding-box\" id=\"finding-").append(n++).append("\">").append(findingText(f))
          .append("<p>(no frame at byte ").append(f.offset()).append(" in the capture)</p></div>\n");
    }
    if (rec != null) {
      b.append("<h2>Frame ladder</h2>\n<p>").append(ladder.size()).append(" frames in wire order; time in ms since the "
          + "connection's first octet; offsets count each direction's octets from 0.</p>\n");
      b.append("<table class=\"ladder\"><tr><th>ms</th><th>peer (harness) →</th><th>← target</th></tr>\n");
      for (int i = 0; i < ladder.size(); i++) {
        LadderFrame fr = ladder.get(i);
        boolean hit = pointed.containsKey(fr);
        if (!hit && i >= LADDER_HEAD && i < ladder.size() - LADDER_TAIL) {
          int skipped = 0;
          while (i < ladder.size() - LADDER_TAIL && !pointed.containsKey(ladder.get(i))) {
            i++;
            skipped++;
          }
          i--;
          b.append("<tr><td></td><td colspan=\"2\">… ").append(skipped).append(" frames not shown</td></tr>\n");
          continue;
        }
        String cell = "<td>" + esc(describe(fr)) + "</td>";
        b.append("<tr id=\"").append(anchor(fr)).append('"').append(hit ? " class=\"finding\"" : "").append("><td>")
            .append(String.format("%.3f", fr.nanos() / 1e6)).append("</td>");
        if (fr.direction() == Direction.TO_TARGET) {
          b.append(cell.replace("<td>", "<td class=\"peer\">")).append("<td class=\"target\"></td>");
        } else {
          b.append("<td class=\"peer\"></td>").append(cell.replace("<td>", "<td class=\"target\">"));
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }
    return Html.page(r.scenario().id() + " — h2harness", b.toString());
  }

  private static String findingText(Finding f) {
    return "<p><b>" + esc(f.rule().id()) + "</b> (" + esc(f.section()) + ") stream " + f.stream()
        + (f.frame() >= 0 ? " frame #" + f.frame() : "") + " at byte " + f.offset() + " of the "
        + (f.direction() == Direction.FROM_TARGET ? "target's" : "peer's") + " octets: " + esc(f.message())
        + "<br>expected: <code class=\"expected\">" + esc(f.expected()) + "</code> · actual: <code class=\"actual\">"
        + esc(f.actual()) + "</code></p>";
  }

  /** The frame holding the finding's offending octet, else the frame with its index. */
  static LadderFrame frameOf(List<LadderFrame> ladder, Finding f) {
    for (LadderFrame fr : ladder) {
      if (fr.contains(f.direction(), f.offset())) return fr;
    }
    if (f.frame() >= 0) {
      for (LadderFrame fr : ladder) {
        if (fr.direction() == f.direction() && fr.index() == f.frame()) return fr;
      }
    }
    return null;
  }

  static String anchor(LadderFrame f) {
    return (f.direction() == Direction.FROM_TARGET ? "t" : "p") + "-" + f.offset();
  }

  /** {@code #4 @000123 DATA stream=1 len=100 [END_STREAM|PADDED]}: index, offset, type, stream, length, flags. */
  static String describe(LadderFrame f) {
    if (f.header() == null) return String.format("@%06d %s", f.offset(), f.note());
    String flags = Flags.describe(f.header().type(), f.header().flags());
    return String.format("#%d @%06d %s stream=%d len=%d flags=0x%02x%s%s", f.index(), f.offset(),
        FrameType.nameOf(f.header().type()), f.header().streamId(), f.header().length(), f.header().flags(),
        flags.isEmpty() ? "" : " [" + flags + "]", f.note().isEmpty() ? "" : " " + f.note());
  }
}
