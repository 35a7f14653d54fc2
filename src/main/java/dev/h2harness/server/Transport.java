package dev.h2harness.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/** How a connection's octets meet its socket: as they are (h2c), or through TLS. Non-blocking throughout. */
interface Transport {
  /** Drives the TLS handshake; true once application data may flow (at once for h2c). */
  boolean ready() throws IOException;

  /** Selector interest while not {@link #ready()}. */
  int handshakeInterest();

  /** Reads plaintext into {@code dst}: a count, 0 when there is nothing now, -1 at the peer's end of stream. */
  int read(ByteBuffer dst) throws IOException;

  /** True when {@link #read} has octets without the socket becoming readable again. */
  boolean hasBufferedInput();

  /** Writes as much of {@code out} as the socket takes now; true when nothing is left unsent. */
  boolean flush(OutputBuffer out) throws IOException;

  /** Ends our direction (TLS close_notify, then FIN); best effort, never blocks. */
  void shutdownOutput();

  /** Whether file regions may go to the socket as they are ({@code transferTo}). */
  boolean canTransferTo();
}
