package dev.h2harness.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS on a non-blocking socket with an {@link SSLEngine}. The connection only starts once the
 * client has negotiated ALPN {@code h2} (RFC 9113 §3.2); any other client has its connection
 * closed. File payloads cannot use {@code transferTo} here: they must pass through the engine to be
 * encrypted, so it wraps the memory-mapped views of the file directly.
 */
final class TlsTransport implements Transport {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  /** Records wrapped per socket write. */
  private static final int RECORDS_PER_WRITE = 4;

  private final SocketChannel channel;
  private final SSLEngine engine;
  private final int packetSize;
  private ByteBuffer netIn;
  private final ByteBuffer netOut;
  private final ByteBuffer handshakeScratch;
  private final ByteBuffer[] gather = new ByteBuffer[OutputBuffer.MAX_GATHER];
  private boolean established;
  /** The last read found an incomplete record and the socket had nothing more. */
  private boolean starved;

  TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
    this.channel = channel;
    this.engine = engine;
    this.packetSize = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packetSize);
    this.netOut = ByteBuffer.allocateDirect(packetSize * RECORDS_PER_WRITE).limit(0);
    this.handshakeScratch = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    engine.beginHandshake();
  }

  @Override public boolean ready() throws IOException {
    try {
      return handshake();
    } catch (SSLException e) {
      sendAlert(); // e.g. no_application_protocol for a client that offers ALPN without h2
      throw e;
    }
  }

  private boolean handshake() throws IOException {
    while (!established) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_TASK -> runTasks();
        case NEED_WRAP -> {
          if (!writeNet()) return false;
          SSLEngineResult r = wrapEmpty();
          if (r.getStatus() == SSLEngineResult.Status.CLOSED && !netOut.hasRemaining()) {
            throw new EOFException("TLS handshake failed");
          }
          if (!writeNet()) return false;
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          handshakeScratch.clear();
          SSLEngineResult r = unwrap(handshakeScratch);
          if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            writeNet(); // the engine's alert, if any
            throw new EOFException("TLS handshake ended by the peer");
          }
          if (handshakeScratch.position() > 0) {
            throw new SSLException("application data before the handshake finished");
          }
          if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            int n = fill();
            if (n < 0) throw new EOFException("peer closed during the TLS handshake");
            if (n == 0) return false;
          }
        }
        default -> {
          // NOT_HANDSHAKING (getHandshakeStatus never says FINISHED).
          if (!ServerTls.ALPN_H2.equals(engine.getApplicationProtocol())) {
            throw new SSLException("client did not negotiate ALPN h2 (RFC 9113 §3.2)");
          }
          established = true;
        }
      }
    }
    return true;
  }

  @Override public int handshakeInterest() {
    if (netOut.hasRemaining()) return SelectionKey.OP_WRITE;
    HandshakeStatus hs = engine.getHandshakeStatus();
    return hs == HandshakeStatus.NEED_WRAP ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
  }

  @Override public int read(ByteBuffer dst) throws IOException {
    int produced = 0;
    int appSize = engine.getSession().getApplicationBufferSize();
    for (;;) {
      if (dst.remaining() < appSize) {
        return produced; // a whole record may not fit; the caller comes back
      }
      SSLEngineResult r = unwrap(dst);
      produced += r.bytesProduced();
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) runTasks();
      switch (r.getStatus()) {
        case CLOSED -> {
          return produced > 0 ? produced : -1; // close_notify
        }
        case BUFFER_OVERFLOW -> {
          if (produced > 0) return produced;
          throw new SSLException("TLS record larger than the read buffer");
        }
        case BUFFER_UNDERFLOW -> {
          int n = fill();
          if (n < 0) return produced > 0 ? produced : -1;
          if (n == 0) return produced;
        }
        default -> { }
      }
    }
  }

  @Override public boolean hasBufferedInput() {
    return established && netIn.position() > 0 && !starved;
  }

  @Override public boolean flush(OutputBuffer out) throws IOException {
    for (;;) {
      if (!writeNet()) return false;
      if (out.isEmpty() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) return true;
      netOut.clear();
      boolean progress = false;
      try {
        while (netOut.remaining() >= packetSize
            && (!out.isEmpty() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP)) {
          int k = out.gatherBuffers(gather);
          SSLEngineResult r = engine.wrap(gather, 0, k, netOut);
          Arrays.fill(gather, 0, k, null);
          out.consumed(r.bytesConsumed());
          if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) runTasks();
          if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("TLS engine closed");
          if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) break;
          progress = true;
        }
      } finally {
        netOut.flip();
      }
      if (!progress) return writeNet();
    }
  }

  @Override public void shutdownOutput() {
    try {
      engine.closeOutbound();
      if (writeNet()) {
        wrapEmpty(); // close_notify
        writeNet();
      }
      channel.shutdownOutput();
    } catch (IOException ignored) {
      // best effort: the socket closes next
    }
  }

  @Override public boolean canTransferTo() {
    return false; // TLS encrypts every octet; transferTo would bypass the engine
  }

  /** Writes the alert the engine holds after a failed handshake, if the socket takes it now. */
  private void sendAlert() {
    try {
      engine.closeOutbound();
      if (writeNet()) {
        wrapEmpty();
        writeNet();
      }
    } catch (IOException ignored) {
      // the connection is closed next either way
    }
  }

  /** Handshake records or an alert into the (empty) {@code netOut}, left ready to write. */
  private SSLEngineResult wrapEmpty() throws SSLException {
    netOut.clear();
    try {
      return engine.wrap(EMPTY, netOut);
    } finally {
      netOut.flip();
    }
  }

  private SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
    netIn.flip();
    try {
      return engine.unwrap(netIn, dst);
    } finally {
      netIn.compact();
    }
  }

  private int fill() throws IOException {
    if (!netIn.hasRemaining()) {
      int need = Math.max(netIn.capacity() * 2, engine.getSession().getPacketBufferSize());
      netIn = ByteBuffer.allocate(need).put(netIn.flip());
    }
    int n = channel.read(netIn);
    starved = n == 0;
    return n;
  }

  private boolean writeNet() throws IOException {
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) return false;
    }
    return true;
  }

  private void runTasks() {
    // Delegated tasks (key exchange) run inline: short, and the loop has no other thread to hand them to.
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
