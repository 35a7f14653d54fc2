package dev.h2harness.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One raw client connection from a chosen loopback source address. A reader thread drains and
 * parses the target's frames (so the target never stalls on us) and notes GOAWAY, RST_STREAM and
 * the end of each response; the socket is closed at the deadline, so no write blocks past it.
 */
final class Peer implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final Thread reader;
  private final long deadlineNanos;
  private volatile Long goawayCode;
  private volatile String goawayDebug = "";
  private volatile boolean closedByTarget;
  private volatile int resets;
  private volatile int lastCompletedStream;
  private volatile long bytesRead;
  private volatile int lastStreamId = -1;

  Peer(InetSocketAddress target, InetAddress source, long deadlineNanos) throws IOException {
    this.deadlineNanos = deadlineNanos;
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.bind(new InetSocketAddress(source, 0));
    socket.connect(target, (int) Math.max(1, remainingMillis()));
    out = socket.getOutputStream();
    reader = new Thread(this::read, "attack-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private long remainingMillis() {
    return (deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  /** Writes {@code bytes}; false when the target ended the connection or the deadline passed. */
  boolean write(byte[] bytes) {
    if (ended()) return false;
    try {
      out.write(bytes);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** GOAWAY seen, connection closed by the target, or our deadline passed. */
  boolean ended() {
    return goawayCode != null || closedByTarget || System.nanoTime() - deadlineNanos > 0;
  }

  Long goawayCode() {
    return goawayCode;
  }

  String goawayDebug() {
    return goawayDebug;
  }

  boolean closedByTarget() {
    return closedByTarget;
  }

  int lastStreamId() {
    return lastStreamId;
  }

  int resets() {
    return resets;
  }

  int lastCompletedStream() {
    return lastCompletedStream;
  }

  /** Waits until a response on {@code stream} ended; false if the connection ended or the time ran out first. */
  synchronized boolean awaitCompleted(int stream) throws InterruptedException {
    while (lastCompletedStream != stream) {
      if (goawayCode != null || closedByTarget) return false;
      long left = remainingMillis();
      if (left <= 0) return false;
      wait(Math.min(left, 5));
    }
    return true;
  }

  /** Waits until the target answers GOAWAY or closes, at most until the deadline. */
  void awaitEnd() throws InterruptedException {
    while (goawayCode == null && !closedByTarget && System.nanoTime() - deadlineNanos < 0) {
      Thread.sleep(5);
    }
  }

  private void read() {
    byte[] buf = new byte[64 * 1024];
    byte[] head = new byte[9];
    int have = 0;
    long skip = 0;
    byte[] goaway = null;
    int goawayHave = 0;
    int type = 0, flags = 0, stream = 0;
    try {
      socket.setSoTimeout(250);
      InputStream in = socket.getInputStream();
      while (System.nanoTime() - deadlineNanos < 0) {
        int n;
        try {
          n = in.read(buf);
        } catch (java.net.SocketTimeoutException e) {
          continue;
        }
        if (n < 0) {
          closedByTarget = true;
          return;
        }
        bytesRead += n;
        int at = 0;
        while (at < n) {
          if (goaway != null) {
            int k = Math.min(goaway.length - goawayHave, n - at);
            System.arraycopy(buf, at, goaway, goawayHave, k);
            goawayHave += k;
            at += k;
            skip -= k;
            if (goawayHave == goaway.length) {
              if (goaway.length > 8) goawayDebug = new String(goaway, 8, goaway.length - 8, java.nio.charset.StandardCharsets.UTF_8);
              lastStreamId = (goaway[0] & 0x7f) << 24 | (goaway[1] & 0xff) << 16 | (goaway[2] & 0xff) << 8 | (goaway[3] & 0xff);
              goawayCode = (goaway[4] & 0xffL) << 24 | (goaway[5] & 0xff) << 16 | (goaway[6] & 0xff) << 8 | (goaway[7] & 0xff);
              goaway = null;
            }
            continue;
          }
          if (skip > 0) {
            int k = (int) Math.min(skip, n - at);
            skip -= k;
            at += k;
            continue;
          }
          int k = Math.min(9 - have, n - at);
          System.arraycopy(buf, at, head, have, k);
          have += k;
          at += k;
          if (have < 9) break;
          have = 0;
          int len = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | (head[2] & 0xff);
          type = head[3] & 0xff;
          flags = head[4] & 0xff;
          stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | (head[8] & 0xff);
          skip = len;
          if (type == Wire.RST_STREAM) resets++;
          if ((type == Wire.DATA || type == Wire.HEADERS) && (flags & Wire.END_STREAM) != 0) {
            lastCompletedStream = stream;
            synchronized (this) {
              notifyAll();
            }
          }
          if (type == Wire.GOAWAY && len >= 8) {
            goaway = new byte[Math.min(len, 8 + 200)];
            goawayHave = 0;
            if (len > goaway.length) {
              // keep only the first 200 octets of debug data; the rest is skipped after
              skip = len;
            }
          }
          if (type == Wire.SETTINGS && (flags & Wire.ACK) == 0) {
            // Already ACKed in openingBytes when the attack wants to; nothing to do here.
          }
        }
      }
    } catch (IOException e) {
      closedByTarget = !socket.isClosed();
    } finally {
      try {
        socket.close(); // the deadline passed or the target left: no write blocks any longer
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
