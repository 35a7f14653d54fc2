package dev.h2harness.parity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compare DOC H2SPEC.xml H2HARNESS.json}: one target's case-by-case comparison, as text.
 * {@code markdown DOC DIR...}: the parity tables of docs/h2spec-mapping.md from runs of parity.sh,
 * each DIR holding target.txt (label, then how it ran), h2spec.xml, h2harness.json and optionally
 * h2harness-lenient.json. Exit 0, or 2 with a one-line error for a missing or unreadable input.
 */
public final class ParityMain {
  private ParityMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 4 && args[0].equals("compare")) {
        Path doc = Path.of(args[1]);
        compare(Run.of(doc, "target", Path.of(args[2]), Path.of(args[3]), null), out);
        return 0;
      }
      if (args.length >= 3 && args[0].equals("markdown")) {
        List<Run> runs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) runs.add(Run.fromDir(Path.of(args[1]), Path.of(args[i])));
        markdown(runs, out);
        return 0;
      }
      err.println("parity: usage: compare DOC H2SPEC.xml H2HARNESS.json | markdown DOC DIR...");
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println("parity: " + e.getMessage());
      return 2;
    }
  }

  /** One target's two reports and their comparison. */
  record Run(String label, String how, Map<String, Outcome> h2spec, Map<String, HarnessReport.Result> harness,
      Map<String, HarnessReport.Result> lenient, Parity parity) {
    static Run of(Path doc, String label, Path h2specXml, Path json, Path lenientJson) throws IOException {
      Map<String, Outcome> spec = H2specReport.read(existing(h2specXml));
      Map<String, HarnessReport.Result> harness = HarnessReport.read(existing(json));
      Map<String, HarnessReport.Result> lenient = lenientJson != null && Files.exists(lenientJson)
          ? HarnessReport.read(lenientJson) : null;
      return new Run(label, "", spec, harness, lenient, Parity.compare(CaseMapping.read(existing(doc)), spec, harness));
    }

    static Run fromDir(Path doc, Path dir) throws IOException {
      List<String> lines = Files.readAllLines(existing(dir.resolve("target.txt")));
      Run r = of(doc, lines.get(0), dir.resolve("h2spec.xml"), dir.resolve("h2harness.json"),
          dir.resolve("h2harness-lenient.json"));
      return new Run(r.label, lines.size() > 1 ? lines.get(1) : "", r.h2spec, r.harness, r.lenient, r.parity);
    }

    String h2specSummary() {
      return count(h2spec.values().stream().map(o -> o.kind().word).toList(), "passed", "skipped", "failed");
    }

    String harnessSummary() {
      String strict = count(harness.values().stream().map(HarnessReport.Result::status).toList(),
          "passed", "failed", "error", "notApplicable");
      if (lenient == null) return strict;
      return strict + "; with `--lenient`: " + count(lenient.values().stream().map(HarnessReport.Result::status)
          .toList(), "passed", "lenient", "failed", "error", "notApplicable");
    }
  }

  private static Path existing(Path p) throws IOException {
    if (!Files.isRegularFile(p)) throw new IOException("no such file: " + p);
    return p;
  }

  /** "140 passed, 6 failed" (kinds with a zero count left out, "passed" always shown). */
  static String count(List<String> statuses, String... kinds) {
    List<String> parts = new ArrayList<>();
    for (String k : kinds) {
      long n = statuses.stream().filter(k::equals).count();
      if (n > 0 || k.equals("passed")) parts.add(n + " " + (k.equals("notApplicable") ? "not applicable" : k));
    }
    return String.join(", ", parts);
  }

  static void compare(Run r, PrintStream out) {
    out.println("h2spec: " + r.h2spec.size() + " cases: " + r.h2specSummary());
    out.println("h2harness rfc9113/: " + r.harness.size() + " scenarios: " + r.harnessSummary());
    out.println("agreeing: " + r.parity.agreeing() + " of " + r.parity.cases().size() + " cases");
    for (Parity.Case c : r.parity.disagreements()) {
      out.println("disagree " + c.row().h2specCase() + " (" + c.row().title() + "): h2spec " + word(c.h2spec())
          + " / h2harness " + word(c.harness()));
    }
    for (String u : r.parity.unmappedFailures()) out.println("outside the mapping: " + u);
  }

  private static String word(Outcome o) {
    return o.kind().word + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")");
  }

  static void markdown(List<Run> runs, PrintStream out) {
    out.println("| target | how it ran | h2spec | h2harness `rfc9113/` | cases agreeing |");
    out.println("|---|---|---|---|---|");
    for (Run r : runs) {
      out.println("| " + r.label + " | " + r.how + " | " + r.h2specSummary() + " | " + r.harnessSummary() + " | "
          + r.parity.agreeing() + " of " + r.parity.cases().size() + " |");
    }
    out.println();
    out.println("| h2spec case | h2spec title | scenario(s) | " + String.join(" | ", runs.stream().map(Run::label).toList())
        + " |");
    out.println("|---|---|---|" + "---|".repeat(runs.size()));
    for (Parity.Case c : runs.get(0).parity.cases().values()) {
      StringBuilder row = new StringBuilder("| `" + c.row().h2specCase() + "` | " + c.row().title() + " | "
          + String.join(", ", c.row().scenarios().stream().map(s -> "`" + s + "`").toList()) + " |");
      for (Run r : runs) {
        Parity.Case mine = r.parity.cases().get(c.row().h2specCase());
        row.append(' ').append(cell(mine.h2spec())).append(" / ").append(cell(mine.harness()))
            .append(mine.agrees() ? "" : " ≠").append(" |");
      }
      out.println(row);
    }
    for (Run r : runs) {
      out.println();
      out.println("Disagreements, " + r.label + ":");
      for (Parity.Case c : r.parity.disagreements()) {
        out.println("- `" + c.row().h2specCase() + "`: h2spec " + word(c.h2spec()) + "; h2harness " + word(c.harness()));
      }
      for (String u : r.parity.unmappedFailures()) out.println("- outside the mapping: " + u);
    }
  }

  private static String cell(Outcome o) {
    return switch (o.kind()) {
      case PASSED -> "pass";
      case FAILED -> "fail";
      case SKIPPED -> "skip";
      case NOT_APPLICABLE -> "n/a";
    };
  }
}
