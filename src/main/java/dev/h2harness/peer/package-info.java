/**
 * The scripted peer: plays the other side of a connection against a target over a
 * {@link dev.h2harness.peer.Transport} (in memory, TCP with prior knowledge, TLS with ALPN h2),
 * runs {@link dev.h2harness.peer.PeerStep}s, captures every byte in both directions with
 * timestamps, and feeds them to the checks' connection model as they arrive. Every wait has a
 * deadline. The client role is implemented; the transports and the step engine do not assume it.
 */
package dev.h2harness.peer;
