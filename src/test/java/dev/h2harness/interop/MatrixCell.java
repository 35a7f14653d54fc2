package dev.h2harness.interop;

import java.util.List;

/**
 * One cell of the interop matrix: a stack in one role over one transport with one file, the counts
 * {@code check} reported, and every scenario that failed with its first finding and, when the
 * expectations file declares it, the entry's reason and link. {@code crash} says how the server
 * died during a first run of this cell (then the cell was run again on a fresh server), or is null.
 */
record MatrixCell(String stack, String name, String version, String role, String transport, String file, long size,
                  int passed, int failed, int notApplicable, int errors, double seconds, int exit,
                  List<Failure> failures, List<String> fixed, String couldNotRun, String crash) {
  MatrixCell {
    failures = List.copyOf(failures);
    fixed = List.copyOf(fixed);
  }

  /** A failed or errored scenario; {@code link} and {@code reason} are null when no entry expects it. */
  record Failure(String scenario, String status, String detail, String reason, String link) {
    boolean expected() {
      return link != null;
    }
  }

  /** The expectations label this cell's run is judged under, e.g. {@code nginx/tls/large}. */
  static String label(String stack, String transport, String file) {
    return stack + "/" + transport + "/" + file;
  }

  String label() {
    return label(stack, transport, file);
  }

  MatrixCell withCrash(String how) {
    return new MatrixCell(stack, name, version, role, transport, file, size, passed, failed, notApplicable, errors,
        seconds, exit, failures, fixed, couldNotRun, how);
  }

  /** Green: it ran, exit 0, every failure expected and no expected failure passed. */
  boolean green() {
    return couldNotRun == null && exit == 0 && fixed.isEmpty() && failures.stream().allMatch(Failure::expected);
  }

  /** Why the cell is not green, in one paragraph; empty when it is. */
  String problems() {
    if (green()) return "";
    StringBuilder b = new StringBuilder(label()).append(": ");
    if (couldNotRun != null) return b.append("could not run: ").append(couldNotRun).toString();
    b.append("exit ").append(exit);
    failures.stream().filter(f -> !f.expected())
        .forEach(f -> b.append("\n  unexpected ").append(f.status()).append(' ').append(f.scenario()).append(": ").append(f.detail()));
    fixed.forEach(id -> b.append("\n  ").append(id).append(" was expected to fail but passed: the target was fixed, remove the entry"));
    return b.toString();
  }
}
