package dev.h2harness.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects findings in order of discovery, bounded: each (rule, aspect, stream) is reported once,
 * so a 10 GiB response on a wrong stream gives one finding, not a million.
 */
public final class FindingSink {
  /** No more findings than this are kept; further ones are counted. */
  public static final int MAX_FINDINGS = 10_000;

  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();
  private long suppressed;

  /**
   * Reports {@code f} unless a finding of the same rule, {@code aspect} and stream came before.
   * {@code aspect} names what the rule checks, e.g. {@code "stream-window"} or {@code "pattern"}.
   */
  public void report(String aspect, Finding f) {
    if (findings.size() >= MAX_FINDINGS || !reported.add(f.rule().id() + '/' + aspect + '/' + f.stream())) {
      suppressed++;
      return;
    }
    findings.add(f);
  }

  /** Findings kept so far. */
  public int count() {
    return findings.size();
  }

  /** The findings kept after the first {@code n}. */
  public List<Finding> since(int n) {
    return List.copyOf(findings.subList(n, findings.size()));
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Findings not kept because they repeated an earlier one or the cap was reached. */
  public long suppressed() {
    return suppressed;
  }
}
