/**
 * The scripted peer: plays the other side of a connection against a target over a
 * {@link dev.h2harness.peer.Transport} (in memory, TCP with prior knowledge, TLS with ALPN h2),
 * runs {@link dev.h2harness.peer.PeerStep}s, captures every byte in both directions with
 * timestamps, and feeds them to the checks' connection model as they arrive. Every wait ends after
 * the idle timeout without an octet, or when the run's budget is spent; a connection error the
 * model finds is answered with GOAWAY and a close. {@link dev.h2harness.peer.TargetProbe} classifies
 * a target once before a catalogue. Both roles: as the client against a server under test, and
 * ({@link dev.h2harness.peer.ScriptedPeer#serving}) as the server a client under test connects to
 * through a {@link dev.h2harness.peer.ClientListener}, with the reference client in memory
 * ({@link dev.h2harness.peer.InMemoryClientTransport}) as that role's oracle.
 *
 * <p>Owns how a run ends, as types: {@link dev.h2harness.peer.PeerResult} with its
 * {@link dev.h2harness.peer.StepFailure} (expectation failed, kept open, not applicable, idle,
 * budget spent, closed, transport failure, violation); callers read the type, never the message.
 * Owns the header list of the requests it sends ({@link dev.h2harness.peer.RequestFields}) and its
 * credit policy ({@link dev.h2harness.peer.FlowPolicy}); SETTINGS defaults come from
 * {@code frame.SettingsParameter}, and whether a stream has ended from {@code check.StreamView#ended}. It knows nothing of scenarios, verdicts or reports.
 */
package dev.h2harness.peer;
