/**
 * Reports of a run: the console tree (like h2spec's, with the findings under each failure), JUnit
 * XML that CI report parsers accept (every testcase has a classname and a name), and JSON.
 *
 * <p>It renders results and never judges them: verdicts and findings come from {@code scenario} and
 * {@code check}; it must not re-decide a rule or open a connection.
 */
package dev.h2harness.report;
