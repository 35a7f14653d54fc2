package dev.h2harness.server;

import dev.h2harness.control.ControlledServer;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One accepted socket: a {@link ControlledServer} (its own server {@link Session}) whose output
 * goes to a bounded {@link OutputBuffer}. {@link #service} is called by the event loop when the
 * socket is ready, or on the next turn after the send-data callback said PAUSE or WOULDBLOCK
 * with room left; it never blocks and never spins.
 */
final class Connection {
  private enum Phase {
    /** Reading and writing. */
    OPEN,
    /** Flushing what is buffered, then lingering: after a fatal error or the peer's end of stream. */
    CLOSING,
    /** Our direction is shut; reading and dropping until the peer closes, so it sees our last octets. */
    LINGER,
    CLOSED
  }

  private static final int READ_ROUNDS = 8;
  private static final int SEND_ROUNDS = 16;
  private static final long LINGER_NANOS = 2_000_000_000L;
  /** Turns in a row on which the session asked to be called again yet wrote nothing: a bug, not a peer. */
  private static final int MAX_IDLE_RETRIES = 100_000;

  private final EventLoop loop;
  private final SocketChannel channel;
  private final Transport transport;
  private final OutputBuffer out;
  private final ControlledServer app;
  private final Session session;
  private final StaticFiles.Handler files;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private final HeaderBlockGuard headerBlocks;
  private final long highWater;
  private SelectionKey key;
  private Phase phase = Phase.OPEN;
  private boolean peerClosed;
  private boolean retry;
  private int idleRetries;
  private long lastProgress;
  private long lingerUntil;
  long turn;

  Connection(EventLoop loop, SocketChannel channel, Transport transport, ServerOptions options, StaticFiles files) {
    this.loop = loop;
    this.channel = channel;
    this.transport = transport;
    this.out = new OutputBuffer(options.limits().outputBufferBytes(),
        options.fileSend() == FileSend.TRANSFER_TO && transport.canTransferTo());
    this.highWater = options.limits().highWater();
    this.headerBlocks = new HeaderBlockGuard(options.limits().maxHeaderBlockBytes());
    this.app = new ControlledServer(out, options.defaultPad());
    this.session = app.session();
    this.files = files == null ? null : files.handler();
    if (this.files != null) {
      app.fallback(this.files);
    }
    this.lastProgress = System.nanoTime();
  }

  void register(SelectionKey key) {
    this.key = key;
    key.attach(this);
  }

  boolean isOpen() {
    return phase != Phase.CLOSED;
  }

  /** Does what the socket's readiness allows; then sets the selector interest for what it waits on. */
  void service(boolean readable) {
    if (phase == Phase.CLOSED) {
      return;
    }
    retry = false;
    try {
      if (phase == Phase.LINGER) {
        linger(readable);
        return;
      }
      if (!transport.ready()) {
        interest(transport.handshakeInterest());
        return;
      }
      if (phase == Phase.OPEN && (readable || transport.hasBufferedInput())) {
        readInput();
      }
      if (phase == Phase.OPEN) {
        produce();
      }
      if (phase == Phase.OPEN && !session.wantRead() && !session.wantWrite()) {
        phase = Phase.CLOSING; // the session is done (GOAWAY sent): flush and go
      }
      if (phase == Phase.CLOSING && transport.flush(out)) {
        if (peerClosed) {
          close();
          return;
        }
        beginLinger();
        return;
      }
      updateInterest();
      if (retry) {
        loop.retryNextTurn(this);
      }
    } catch (IOException | UncheckedIOException e) {
      close(); // the peer went away, or a file could not be read: nothing to tell anyone
    } catch (RuntimeException e) {
      loop.warn("connection from " + remote() + " failed: " + e);
      close();
    }
  }

  private void readInput() throws IOException {
    for (int i = 0; i < READ_ROUNDS; i++) {
      if (out.buffered() >= highWater) {
        return; // back-pressure: the peer reads our output before we read more of its requests
      }
      in.clear();
      int n = transport.read(in);
      if (n < 0) {
        peerClosed = true;
        phase = Phase.CLOSING;
        return;
      }
      if (n == 0) {
        return;
      }
      lastProgress = System.nanoTime();
      // A fatal error (bad preface) makes the session terminate: it queues GOAWAY and reads no more,
      // so the usual end (nothing to read or write) closes the connection once GOAWAY is out.
      session.memReceive(in.array(), 0, n);
      if (!headerBlocks.accept(in.array(), 0, n)) {
        // The session reads nothing more once terminating; GOAWAY goes out, then the connection closes.
        session.terminate(ErrorCode.ENHANCE_YOUR_CALM, "header block above the server's limit");
      }
    }
    retry = transport.hasBufferedInput();
  }

  /** session.send() while it has something and the buffer is below the high-water mark; flush. */
  private void produce() throws IOException {
    for (int round = 0; round < SEND_ROUNDS; round++) {
      boolean again = false;
      long before = out.buffered();
      while (session.wantWrite() && out.buffered() < highWater) {
        int rv = session.send();
        if (rv < 0) {
          phase = Phase.CLOSING; // fatal (CALLBACK_FAILURE): flush what is buffered and close
          break;
        }
        if (session.wantWrite() && out.buffered() < highWater) {
          // PAUSE, or WOULDBLOCK with room to spare (a scripted one): call send() again next turn.
          again = true;
          break;
        }
      }
      idleRetries = again && out.buffered() == before ? idleRetries + 1 : 0;
      if (idleRetries > MAX_IDLE_RETRIES) {
        throw new IllegalStateException("send() keeps asking to be called again without writing");
      }
      long pending = out.buffered();
      boolean flushed = transport.flush(out);
      if (out.buffered() < pending) {
        lastProgress = System.nanoTime();
      }
      if (!flushed || phase != Phase.OPEN) {
        return; // OP_WRITE brings us back
      }
      if (again) {
        retry = true;
        return;
      }
      if (!session.wantWrite()) {
        return;
      }
    }
    retry = true; // plenty written this turn; let the other connections have theirs
  }

  private void updateInterest() {
    int ops = 0;
    if (phase == Phase.OPEN && out.buffered() < highWater) {
      ops |= SelectionKey.OP_READ;
    }
    if (!out.isEmpty() || transport.handshakeInterest() == SelectionKey.OP_WRITE) {
      ops |= SelectionKey.OP_WRITE;
    }
    interest(ops);
  }

  private void interest(int ops) {
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  private void beginLinger() {
    transport.shutdownOutput();
    phase = Phase.LINGER;
    lingerUntil = System.nanoTime() + LINGER_NANOS;
    interest(SelectionKey.OP_READ);
  }

  private void linger(boolean readable) throws IOException {
    if (!readable) {
      return;
    }
    for (int i = 0; i < READ_ROUNDS; i++) {
      in.clear();
      int n = channel.read(in);
      if (n < 0) {
        close();
        return;
      }
      if (n == 0) {
        return;
      }
    }
  }

  /** Closes the connection when it has been idle, or lingering, for too long. */
  void checkTimeout(long now, long idleNanos) {
    if (phase == Phase.LINGER ? now - lingerUntil > 0 : now - lastProgress > idleNanos) {
      close();
    }
  }

  void close() {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    out.discard();
    if (files != null) {
      files.closeAll();
    }
    loop.closed(this);
  }

  private String remote() {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "?";
    }
  }
}
