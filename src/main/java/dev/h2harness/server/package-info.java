/**
 * The reference server: {@link dev.h2harness.control.ControlledServer} on real sockets. One
 * non-blocking {@link java.nio.channels.Selector} loop per thread drives many connections, each a
 * server {@link dev.h2harness.session.Session} with a bounded output buffer; h2c with prior
 * knowledge on plain TCP, or TLS with ALPN {@code h2}. Static files under {@code --root} go out
 * through the NO_COPY path without passing through a Java heap array: memory-mapped views gathered
 * with the frame headers into one write, or {@code transferTo} per frame ({@link
 * dev.h2harness.server.FileSend}).
 * {@link dev.h2harness.server.ReferenceServer} is the entry point for the CLI, {@code check} and
 * tests. {@link dev.h2harness.server.ServerLimits} bounds what one client can make it hold or do
 * (connections per address, timeouts, header sizes, reset and flood rates); the
 * {@link dev.h2harness.server.FrameGuard} sees each frame header the session's reader parses, before
 * the session acts on the frame, to stop floods at the first frame over a limit (one parse of the
 * client's bytes). It must not know the scenarios, the checks or the scripted peer.
 */
package dev.h2harness.server;
