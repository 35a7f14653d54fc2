/**
 * The reference session: an HTTP/2 endpoint with nghttp2's send-path semantics (contract §1–2),
 * sans-IO. Bytes go in through {@link dev.h2harness.session.Session#memReceive}, and come out
 * through the send callback ({@link dev.h2harness.session.Session#send}) or
 * {@link dev.h2harness.session.Session#memSend}; a body comes from a
 * {@link dev.h2harness.session.DataSource} and, with NO_COPY, is written by the application in
 * the send-data callback. Return codes are nghttp2's numbers ({@link
 * dev.h2harness.session.NgError}). It is the oracle of the harness: given the same inputs it
 * writes the bytes a correct nghttp2 application writes.
 *
 * <p>Owns the send state machine and outbound queues, flow-control windows ({@link
 * dev.h2harness.session.FlowWindow}, {@link dev.h2harness.session.ReceiveWindow}), the peer's and
 * our SETTINGS in force, and which send-data returns are fatal ({@link
 * dev.h2harness.session.NgError#isFatalSendDataReturn}). It asks {@code frame} for each frame
 * type's metadata and each SETTINGS parameter's range and default (the HPACK table size
 * included), and {@code stream} for every stream state
 * change. A {@link dev.h2harness.session.FrameHeaderGuard} given by the embedder sees each frame
 * header the session's reader parses and may refuse the connection. It must not know sockets, captures, findings, scenarios or the control headers.
 */
package dev.h2harness.session;
