package dev.h2harness.check;

/**
 * What moves a stream between states (RFC 9113 §5.1), from the target's side: {@code SEND_*} is a
 * frame the target sent, {@code RECV_*} one the peer sent. A frame with END_STREAM is two inputs:
 * its type, then {@code *_END_STREAM}. PUSH_PROMISE acts on the promised stream.
 */
public enum StreamInput {
  SEND_HEADERS,
  SEND_PUSH_PROMISE,
  SEND_DATA,
  SEND_END_STREAM,
  SEND_RST_STREAM,
  RECV_HEADERS,
  RECV_PUSH_PROMISE,
  RECV_DATA,
  RECV_END_STREAM,
  RECV_RST_STREAM
}
