/**
 * RFC 9113 §5.1 stream states and their one transition table, shared by the reference session
 * (which moves its streams by it) and the checks (which judge a target's frames by it).
 *
 * <p>Owns: {@link dev.h2harness.stream.StreamState}, {@link dev.h2harness.stream.StreamInput},
 * {@link dev.h2harness.stream.Role} and {@link dev.h2harness.stream.StreamTransitions}. Depends only
 * on {@code frame} (for error codes); must not know sessions, sockets, captures or findings.
 */
package dev.h2harness.stream;
