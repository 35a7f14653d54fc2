package dev.h2harness.check;

/**
 * The stable id a finding is reported under, e.g. {@code frame.size}: what reports print, what
 * {@code --expect-fail} and the JSON, JUnit and HTML reports carry. {@link Rules} holds the ids of
 * the rules of this package; the scenario layer holds the ids of what it establishes itself. Not
 * sealed: its implementations lie in two packages, which a sealed type outside a named module
 * cannot permit.
 */
public interface RuleId {
  /** The dotted id, e.g. {@code data.padding.nonzero}. */
  String id();

  /**
   * An id read back from a saved report that this build does not define: a report written by
   * another version of the harness still merges, its ids printed as they were written.
   */
  record Unknown(String id) implements RuleId {
    @Override public String toString() {
      return id;
    }
  }
}
