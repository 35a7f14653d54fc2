package dev.h2harness.peer;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.hpack.HeaderField;
import java.util.List;

/**
 * One action of the scripted peer. Sending steps write at once; waiting steps read until their
 * condition holds, the target closes, or the peer's timeout runs out.
 */
public sealed interface PeerStep {
  /** A SETTINGS frame with any parameters, legal or not. */
  record Settings(List<Setting> settings) implements PeerStep {}

  /** A request's HEADERS (HPACK-encoded by the peer). {@code collect} keeps the response body. */
  record Request(int streamId, List<HeaderField> fields, boolean endStream, boolean collect) implements PeerStep {}

  /** Any typed frame, written as its fields say even when illegal. */
  record SendFrame(Frame frame) implements PeerStep {}

  /** Raw octets, e.g. a frame whose length field lies, or garbage. */
  record SendBytes(Bytes bytes) implements PeerStep {}

  record WindowUpdate(int streamId, int increment) implements PeerStep {}

  record RstStream(int streamId, long errorCode) implements PeerStep {}

  /** PING, then wait for its ACK: the connection is still alive. */
  record Ping() implements PeerStep {}

  /** Wait until the target ends the stream (END_STREAM or RST_STREAM). */
  record WaitStream(int streamId) implements PeerStep {}

  /** Wait until the target has sent the stream's response headers, or ended or reset it. */
  record WaitHeaders(int streamId) implements PeerStep {}

  /** Wait until the target has sent {@code bytes} body octets on the stream. */
  record WaitBody(int streamId, long bytes) implements PeerStep {}

  /** Wait for a frame of {@code type} ({@code -1}: any) on {@code streamId} ({@code -1}: any). */
  record WaitFrame(int type, int streamId) implements PeerStep {}

  /** The target must close the connection (GOAWAY first or not) before the timeout. */
  record ExpectClose() implements PeerStep {}

  /** The target must send nothing for {@code millis}. */
  record ExpectSilence(int millis) implements PeerStep {}

  record Sleep(int millis) implements PeerStep {}

  /**
   * Brings the stream's and the connection's windows up to at least {@code minimum}, never past
   * 2^31−1: how the runner makes room for its own requests whatever the scenario did to the windows.
   */
  record Credit(int streamId, int minimum) implements PeerStep {}
}
