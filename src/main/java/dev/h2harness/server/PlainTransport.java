package dev.h2harness.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** h2c with prior knowledge: octets go to the socket as they are, files from their mapping or by {@code transferTo}. */
final class PlainTransport implements Transport {
  private final SocketChannel channel;

  PlainTransport(SocketChannel channel) {
    this.channel = channel;
  }

  @Override public boolean ready() {
    return true;
  }

  @Override public int handshakeInterest() {
    return 0;
  }

  @Override public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override public boolean hasBufferedInput() {
    return false;
  }

  @Override public boolean flush(OutputBuffer out) throws IOException {
    return out.writeTo(channel);
  }

  @Override public void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException ignored) {
      // the peer is gone already; closing follows
    }
  }

  @Override public boolean canTransferTo() {
    return true;
  }
}
