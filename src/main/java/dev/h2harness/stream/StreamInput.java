package dev.h2harness.stream;

/**
 * What moves a stream between states (RFC 9113 §5.1), from one endpoint's side: {@code SEND_*} is a
 * frame it sent, {@code RECV_*} one it received. A frame with END_STREAM is two inputs: its type,
 * then {@code *_END_STREAM}. PUSH_PROMISE acts on the promised stream. PRIORITY and WINDOW_UPDATE
 * change no state and are not inputs.
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
  RECV_RST_STREAM;

  public boolean isSend() {
    return ordinal() < RECV_HEADERS.ordinal();
  }

  /** The same frame seen by the other endpoint: a SEND is the peer's RECV and the reverse. */
  public StreamInput mirror() {
    return values()[(ordinal() + 5) % 10];
  }
}
