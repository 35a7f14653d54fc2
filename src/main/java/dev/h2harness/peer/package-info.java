/**
 * The scripted peer: plays the other side of a connection against a target over a
 * {@link dev.h2harness.peer.Transport} (in memory, TCP with prior knowledge, TLS with ALPN h2),
 * runs {@link dev.h2harness.peer.PeerStep}s, captures every byte in both directions with
 * timestamps, and feeds them to the checks' connection model as they arrive. Every wait ends after
 * the idle timeout without an octet, or when the run's budget is spent; a connection error the
 * model finds is answered with GOAWAY and a close. {@link dev.h2harness.peer.TargetProbe} classifies
 * a target once before a catalogue. The client role is implemented; the transports and the step
 * engine do not assume it. It knows nothing of scenarios or reports.
 */
package dev.h2harness.peer;
