/**
 * Checks: stateful rules that turn the captured bytes of one HTTP/2 connection into findings.
 * This package knows RFC 9113 and RFC 7541, nothing else.
 *
 * <p>{@link dev.h2harness.check.ConnectionModel} takes the bytes of both directions in capture
 * order (no sockets here) and keeps one {@link dev.h2harness.check.Side} per endpoint (its reader,
 * SETTINGS, send window, HPACK context, counters); every frame is applied by one path, given the
 * side that sent it and the side that received it, and the streams move by the one RFC 9113 §5.1
 * table ({@link dev.h2harness.stream.StreamTransitions}). Each event of the target's direction is
 * shown to every {@link dev.h2harness.check.Rule} before it is applied; rules read the state and the
 * offsets the event carries, report {@link dev.h2harness.check.Finding}s under the ids of {@link
 * dev.h2harness.check.Rules}, and never change the state. A finding's id is a typed
 * {@link dev.h2harness.check.RuleId} (its dotted string is what reports print); a finding that is
 * one of the reader's structural problems carries that {@code FrameProblem} kind, so that a frame
 * cut by a close is known by its type. {@link dev.h2harness.check.StreamView#ended} is the one
 * answer to "has the stream ended"; SETTINGS defaults (windows, the HPACK table size) come from
 * {@code frame.SettingsParameter}. Memory does not grow with body size:
 * DATA payloads are compared as they pass. The target is a server or a client: the same rules judge
 * either, and {@link dev.h2harness.check.Rules#clientRole()} adds those only a client can break (its
 * request headers, its stream ids and concurrency, SETTINGS first). {@link
 * dev.h2harness.check.FrameLogLine} is the one frame-log format.
 *
 * <p>Must not know the control headers, scenarios or the scripted peer (it imports nothing from
 * {@code control}, {@code scenario} or {@code peer}): what body a request asked for is told to the
 * model through {@link dev.h2harness.check.BodyExpectations} by whoever built it, and findings that
 * only a scenario can establish (timeouts, oracle comparison, expectations) are the scenario
 * layer's, under its own ids.
 */
package dev.h2harness.check;
