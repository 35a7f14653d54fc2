package dev.h2harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.h2harness.check.Finding;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {"summary": {"passed", "failed", "notApplicable", "errors"}, "scenarios": [{"id", "title",
 * "status", "findings": [{"rule", "section", "stream", "frame", "offset", "message", ...}]}]}}.
 */
public final class JsonReport {
  private JsonReport() {}

  public static void write(RunSummary run, Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document(run));
  }

  static Map<String, Object> document(RunSummary run) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("passed", run.count(Verdict.PASS));
    summary.put("lenient", run.count(Verdict.LENIENT));
    summary.put("failed", run.count(Verdict.FAIL));
    summary.put("notApplicable", run.count(Verdict.NOT_APPLICABLE));
    summary.put("errors", run.count(Verdict.ERROR));
    summary.put("target", run.target());
    summary.put("path", pathOf(run.target()));
    if (!run.note().isEmpty()) summary.put("note", run.note());
    summary.put("seconds", run.nanos() / 1e9);
    List<Object> scenarios = new ArrayList<>();
    for (ScenarioResult r : run.results()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", r.scenario().id());
      s.put("title", r.scenario().title());
      s.put("topic", r.scenario().topic());
      s.put("covers", r.scenario().covers());
      if (!r.scenario().requirement().isEmpty()) s.put("requirement", r.scenario().requirement());
      s.put("status", status(r.verdict()));
      if (!r.reason().isEmpty()) s.put("reason", r.reason());
      s.put("seconds", r.nanos() / 1e9);
      List<Object> findings = new ArrayList<>();
      for (Finding f : r.findings()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule().id());
        m.put("section", f.section());
        m.put("stream", f.stream());
        m.put("frame", f.frame());
        m.put("offset", f.offset());
        m.put("message", f.message());
        m.put("expected", f.expected());
        m.put("actual", f.actual());
        m.put("direction", f.direction().name());
        findings.add(m);
      }
      s.put("findings", findings);
      scenarios.add(s);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("summary", summary);
    doc.put("scenarios", scenarios);
    return doc;
  }

  public static String status(Verdict v) {
    return switch (v) {
      case PASS -> "passed";
      case LENIENT -> "lenient";
      case FAIL -> "failed";
      case NOT_APPLICABLE -> "notApplicable";
      case ERROR -> "error";
    };
  }

  /** The path part of the target URL: what the generic scenarios requested. */
  static String pathOf(String target) {
    int scheme = target.indexOf("://");
    int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
    if (slash < 0) return "/";
    int space = target.indexOf(' ', slash);
    return space < 0 ? target.substring(slash) : target.substring(slash, space);
  }
}
