/**
 * Property campaigns against cooperating targets: generated control-header cases (body lengths,
 * read chunks, padding, send-data return sequences, the peer's SETTINGS and window credit, several
 * streams), run against a target and a reference, compared per stream; a mismatch shrinks to a
 * minimal case written out as a scenario file to commit under {@code scenarios/regressions/}.
 *
 * <p>It generates and compares; it must not hold protocol rules (findings come from {@code check},
 * the oracle's bytes from {@code control} and {@code session}) nor touch sockets itself (the
 * scenario runner and its connector do).
 */
package dev.h2harness.fuzz;
