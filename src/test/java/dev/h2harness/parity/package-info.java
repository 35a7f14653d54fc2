/**
 * Parity between h2spec and the {@code rfc9113/} catalogue: reads h2spec's JUnit report, the
 * JSON report of {@code h2harness check}, and the case → scenario mapping in docs/h2spec-mapping.md,
 * and compares them case by case ({@code parity.sh} runs it). Knows the report formats and the
 * mapping table; nothing of the protocol, and it starts no server.
 */
package dev.h2harness.parity;
