package dev.h2harness.gate;

import dev.h2harness.check.Finding;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error title=RULE::message}) for a run's findings, its
 * errors and its flaky scenarios, so that they show on the run's summary page. Values are escaped
 * as the Actions runner unescapes them: in the message %, CR and LF; in a property also : and ,.
 */
public final class GithubAnnotations {
  private GithubAnnotations() {}

  public static List<String> lines(List<ScenarioResult> results, List<Repeats.Flake> flakes) {
    List<String> lines = new ArrayList<>();
    for (ScenarioResult r : results) {
      String id = r.scenario().id();
      for (Finding f : r.findings()) lines.add(error(f.rule().id(), id + ": " + f));
      if (r.verdict() == Verdict.ERROR) lines.add(error(id, id + ": error: " + r.reason()));
    }
    for (Repeats.Flake f : flakes) lines.add(error("flaky " + f.id(), "flaky " + f.describe()));
    return lines;
  }

  static String error(String title, String message) {
    return "::error title=" + property(title) + "::" + data(message);
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
