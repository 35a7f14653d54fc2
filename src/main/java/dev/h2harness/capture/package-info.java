/**
 * Captures on disk: one HTTP/2 connection as a {@link dev.h2harness.capture.Recording} (both
 * directions, timed segments), written as pcapng with synthetic IPv4/TCP framing and read back
 * from pcapng or classic pcap with TCP reassembly. Knows packet and link-layer formats; must not
 * know the checks, scenarios or reports.
 */
package dev.h2harness.capture;
