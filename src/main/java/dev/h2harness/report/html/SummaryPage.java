package dev.h2harness.report.html;

import static dev.h2harness.report.html.Html.esc;

import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.report.ScenarioFileName;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.time.Instant;
import java.util.TreeSet;

/**
 * The report's index: counts, target, timings and one row per scenario. The status filter is pure
 * CSS (radio buttons), so it works with JavaScript off; the topic filter is four lines of script,
 * and without it every topic shows.
 */
final class SummaryPage {
  private SummaryPage() {}

  static String render(RunSummary run, String command, Instant finished) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>h2harness ").append(esc(command)).append("</h1>\n");
    b.append("<p>target: <b id=\"target\">").append(esc(run.target())).append("</b><br>finished ")
        .append(finished).append(String.format(" · %.2f s", run.nanos() / 1e9)).append("</p>\n");
    b.append("<p id=\"counts\"><span class=\"passed\">").append(run.count(Verdict.PASS)).append(" passed</span> · ")
        .append("<span class=\"failed\">").append(run.count(Verdict.FAIL)).append(" failed</span> · ")
        .append("<span class=\"notApplicable\">").append(run.count(Verdict.NOT_APPLICABLE)).append(" not applicable</span> · ")
        .append("<span class=\"error\">").append(run.count(Verdict.ERROR)).append(" errors</span> of ")
        .append(run.results().size()).append("</p>\n");
    TreeSet<String> topics = new TreeSet<>();
    run.results().forEach(r -> topics.add(r.scenario().topic()));
    b.append("<div class=\"filters\">\n");
    b.append("<input type=\"radio\" name=\"s\" id=\"s-all\" checked><label for=\"s-all\">all</label>")
        .append("<input type=\"radio\" name=\"s\" id=\"s-failed\"><label for=\"s-failed\">failed</label>")
        .append("<input type=\"radio\" name=\"s\" id=\"s-passed\"><label for=\"s-passed\">passed</label>")
        .append("<input type=\"radio\" name=\"s\" id=\"s-other\"><label for=\"s-other\">not applicable / error</label>\n");
    b.append("<label>topic <select id=\"topic\" onchange=\"filterTopic(this.value)\"><option value=\"\">all</option>");
    topics.forEach(t -> b.append("<option>").append(esc(t)).append("</option>"));
    b.append("</select></label>\n");
    b.append("<table id=\"scenarios\"><tr><th>status</th><th>scenario</th><th>topic</th><th>findings</th><th>s</th></tr>\n");
    for (ScenarioResult r : run.results()) {
      String status = JsonReport.status(r.verdict());
      String page = "scenarios/" + ScenarioFileName.of(r.scenario().id(), "html");
      b.append("<tr class=\"row st-").append(status).append("\" data-topic=\"").append(esc(r.scenario().topic())).append("\">")
          .append("<td class=\"").append(status).append("\">").append(status).append("</td>")
          .append("<td><a href=\"").append(esc(page)).append("\">").append(esc(r.scenario().id())).append("</a><br><small>")
          .append(esc(r.scenario().title())).append("</small></td><td>").append(esc(r.scenario().topic())).append("</td><td>")
          .append(r.findings().isEmpty() ? (r.reason().isEmpty() ? "" : esc(r.reason()))
              : r.findings().size() + ": " + esc(r.findings().get(0).rule().id()))
          .append("</td><td>").append(String.format("%.3f", r.nanos() / 1e9)).append("</td></tr>\n");
    }
    b.append("</table>\n</div>\n");
    b.append("<script>function filterTopic(t){for(const r of document.querySelectorAll('tr.row'))"
        + "r.hidden=t!==''&&r.dataset.topic!==t;}</script>\n");
    return Html.page("h2harness " + command + " — " + run.target(), b.toString());
  }
}
