package dev.h2harness.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One target's comparison: for each h2spec case, h2spec's verdict beside the catalogue's. The
 * catalogue passes a case when every scenario it maps to passed; a lenient pass counts as a failure
 * (parity is measured on the strict verdicts), all scenarios not applicable as not applicable.
 */
record Parity(Map<String, Case> cases, List<String> unmappedFailures) {
  record Case(CaseMapping.Row row, Outcome h2spec, Outcome harness) {
    boolean agrees() {
      return h2spec.agreesWith(harness);
    }
  }

  static Parity compare(CaseMapping mapping, Map<String, Outcome> h2spec, Map<String, HarnessReport.Result> harness) {
    Map<String, Case> cases = new LinkedHashMap<>();
    Set<String> mapped = new TreeSet<>();
    for (CaseMapping.Row row : mapping.rows().values()) {
      Outcome spec = h2spec.get(row.h2specCase());
      if (spec == null) throw new IllegalArgumentException("h2spec report lacks case " + row.h2specCase());
      cases.put(row.h2specCase(), new Case(row, spec, harnessOutcome(row, harness)));
      mapped.addAll(row.scenarios());
    }
    List<String> unmapped = new ArrayList<>();
    harness.forEach((id, r) -> {
      if (!mapped.contains(id) && id.startsWith("rfc9113/") && !r.status().equals("passed")
          && !r.status().equals("notApplicable")) {
        unmapped.add(id + " " + r.status() + ": " + r.reason());
      }
    });
    return new Parity(cases, unmapped);
  }

  private static Outcome harnessOutcome(CaseMapping.Row row, Map<String, HarnessReport.Result> harness) {
    List<String> failed = new ArrayList<>();
    int notApplicable = 0;
    for (String id : row.scenarios()) {
      HarnessReport.Result r = harness.get(id);
      if (r == null) throw new IllegalArgumentException("h2harness report lacks scenario " + id);
      switch (r.status()) {
        case "passed" -> { }
        case "notApplicable" -> notApplicable++;
        default -> failed.add(id + " " + r.status() + ": " + r.reason());
      }
    }
    if (!failed.isEmpty()) return new Outcome(Outcome.Kind.FAILED, String.join(" | ", failed));
    if (notApplicable == row.scenarios().size()) return new Outcome(Outcome.Kind.NOT_APPLICABLE, "");
    return Outcome.passed();
  }

  long agreeing() {
    return cases.values().stream().filter(Case::agrees).count();
  }

  List<Case> disagreements() {
    return cases.values().stream().filter(c -> !c.agrees()).toList();
  }
}
