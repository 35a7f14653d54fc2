/**
 * The static HTML report: a summary page and a page per scenario with its frame ladder and the
 * annotated hex of every frame a finding points at. Self-contained (inline CSS, a few lines of
 * script for the topic filter, no network). Reads results and recordings; must not run checks.
 */
package dev.h2harness.report.html;
