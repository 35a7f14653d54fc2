package dev.h2harness.server;

import dev.h2harness.control.ControlledServer;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.session.Session;
import dev.h2harness.session.TokenBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
  private final long highWater;
  private final long settingsNanos;
  private final long openedAt;
  /** The client address, counted against its per-address connection limit until closed. */
  final InetAddress peer;
  private boolean settingsAcked;
  private long progressSeen = -1;
  private long closingSince;
  private SelectionKey key;
  private Phase phase = Phase.OPEN;
  private boolean peerClosed;
  private boolean retry;
  private int idleRetries;
  private long lastProgress;
  private long lingerUntil;
  long turn;

  Connection(EventLoop loop, SocketChannel channel, InetAddress peer, Transport transport, ServerOptions options,
             StaticFiles files) {
    this.loop = loop;
    this.peer = peer;
    this.channel = channel;
    this.transport = transport;
    this.out = new OutputBuffer(options.limits().outputBufferBytes(),
        options.fileSend() == FileSend.TRANSFER_TO && transport.canTransferTo());
    this.highWater = options.limits().highWater();
    ServerLimits limits = options.limits();
    this.app = new ControlledServer(out, options.defaultPad(),
        java.util.List.of(new Setting(SettingsParameter.MAX_HEADER_LIST_SIZE, limits.maxHeaderListSize())));
    this.session = app.session();
    // The guard reads the frame headers the session's reader parses: one parse, before the session acts.
    session.guardFrameHeaders(new FrameGuard(limits.maxHeaderBlockBytes(), limits.maxContinuations(),
        new TokenBucket(limits.floods().burst(), limits.floods().perSecond())));
    session.limitResets(new TokenBucket(limits.resets().burst(), limits.resets().perSecond()));
    session.limitStreamErrors(new TokenBucket(limits.streamErrors().burst(), limits.streamErrors().perSecond()));
    session.limitHeldHeaderOctets(limits.maxHeaderBytesPerConnection());
    this.settingsNanos = limits.settingsTimeout().toNanos();
    this.files = files == null ? null : files.handler();
    if (this.files != null) {
      app.fallback(this.files);
    }
    this.lastProgress = System.nanoTime();
    this.openedAt = lastProgress;
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
      // A fatal error (bad preface) makes the session terminate: it queues GOAWAY and reads no more,
      // so the usual end (nothing to read or write) closes the connection once GOAWAY is out.
      // Abuse the FrameGuard refuses ends the session the same way (GOAWAY(ENHANCE_YOUR_CALM), RFC 9113 §10.5).
      session.memReceive(in.array(), 0, n);
      if (phase == Phase.OPEN && !session.wantRead()) {
        return;
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
      boolean flushed = transport.flush(out);
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

  /**
   * Ends a connection whose client has not finished the preface and SETTINGS exchange in time, or
   * that has been idle too long (idle: no stream opened and no DATA payload moved, whatever other
   * octets arrived, so a slow attacker's frames do not keep it), or that lingered or flushed its
   * last octets for too long.
   */
  void checkTimeout(long now, long idleNanos) {
    if (phase == Phase.LINGER) {
      if (now - lingerUntil > 0) close();
      return;
    }
    if (phase == Phase.CLOSING) {
      if (closingSince == 0) {
        closingSince = now;
      } else if (now - closingSince > LINGER_NANOS) {
        close(); // the client does not read our GOAWAY: it gets no more time than a linger
      }
      return;
    }
    if (phase != Phase.OPEN) {
      return;
    }
    long progress = session.progress();
    if (progress != progressSeen) {
      progressSeen = progress;
      lastProgress = now;
    }
    if (!settingsAcked && session.localSettingsAcked()) {
      settingsAcked = true;
    }
    if (!settingsAcked && now - openedAt > settingsNanos) {
      // RFC 9113 §6.5.3: no SETTINGS ACK within a reasonable time (also a stalled preface or TLS handshake).
      end(ErrorCode.SETTINGS_TIMEOUT, "no SETTINGS acknowledgement in time");
    } else if (now - lastProgress > idleNanos) {
      end(ErrorCode.NO_ERROR, "idle");
    }
  }

  /** GOAWAY with {@code code}, flushed if the transport is up; then the usual close. */
  private void end(ErrorCode code, String reason) {
    try {
      if (!transport.ready()) {
        close();
        return;
      }
    } catch (IOException e) {
      close();
      return;
    }
    session.terminate(code, reason);
    service(false);
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
