/**
 * Reports of a run: the console tree (like h2spec's, with the findings under each failure), JUnit
 * XML that CI report parsers accept (every testcase has a classname and a name), and JSON.
 */
package dev.h2harness.report;
