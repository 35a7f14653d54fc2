/**
 * Property campaigns against cooperating targets: generated control-header cases (body lengths,
 * read chunks, padding, send-data return sequences, the peer's SETTINGS and window credit, several
 * streams), run against a target and a reference, compared per stream; a mismatch shrinks to a
 * minimal case written out as a scenario file to commit under {@code scenarios/regressions/}.
 */
package dev.h2harness.fuzz;
