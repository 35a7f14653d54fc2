/**
 * Checks: stateful rules that turn the captured bytes of one HTTP/2 connection into findings.
 *
 * <p>{@link dev.h2harness.check.ConnectionModel} takes the bytes of both directions in capture
 * order (no sockets here), reads frames with offsets, keeps SETTINGS, stream states (RFC 9113 §5.1
 * as one table, {@link dev.h2harness.stream.StreamTransitions}), flow-control windows and HPACK
 * contexts, and shows every event of the target's direction to each {@link
 * dev.h2harness.check.Rule} before applying it. Rules read the state and report {@link
 * dev.h2harness.check.Finding}s under the stable ids of {@link dev.h2harness.check.Rules}; they never
 * change the state. Memory does not grow with body size: DATA payloads are compared as they pass.
 * The target is a server or a client: the same rules judge either, and {@link
 * dev.h2harness.check.Rules#clientRole()} adds those only a client can break (its request headers,
 * its stream ids and concurrency, SETTINGS first).
 */
package dev.h2harness.check;
