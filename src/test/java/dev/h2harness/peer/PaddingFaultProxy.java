package dev.h2harness.peer;

import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ReadEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A TCP proxy in front of a server with a planted fault: on the connections it chooses among those
 * that carry a DATA frame with padding (counted from 0), it sets each such frame's last padding
 * octet to 7 (RFC 9113 §6.1: padding octets MUST be zero). Other connections pass unchanged.
 */
public final class PaddingFaultProxy implements AutoCloseable {
  private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final int upstream;
  private final IntPredicate tamper;
  private final AtomicInteger paddedConnections = new AtomicInteger();
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;

  /** Every padded connection tampered with: a target that always breaks the rule. */
  public static PaddingFaultProxy always(int upstreamPort) throws IOException {
    return new PaddingFaultProxy(upstreamPort, n -> true);
  }

  /** Every second padded connection tampered with: a target that is flaky. */
  public static PaddingFaultProxy everySecond(int upstreamPort) throws IOException {
    return new PaddingFaultProxy(upstreamPort, n -> n % 2 == 0);
  }

  private PaddingFaultProxy(int upstreamPort, IntPredicate tamper) throws IOException {
    this.upstream = upstreamPort;
    this.tamper = tamper;
    acceptor = new Thread(this::accept, "padding-fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(server);
        }
        pump(client.getInputStream(), server.getOutputStream(), false);
        pump(server.getInputStream(), client.getOutputStream(), true);
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void pump(InputStream in, OutputStream out, boolean fromServer) {
    Thread t = new Thread(() -> {
      boolean[] decided = {false};
      boolean[] tampered = {false};
      FrameReader reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
        if (!(e instanceof ReadEvent.FrameRead fr)) return;
        byte[] f = FrameWriter.writeRaw(fr.raw());
        FrameHeader h = FrameHeader.parse(f, 0);
        boolean padded = h.type() == FrameType.DATA.code && (h.flags() & 0x8) != 0 && f.length > 9
            && (f[9] & 0xff) >= 1;
        if (padded && !decided[0]) {
          decided[0] = true;
          tampered[0] = this.tamper.test(paddedConnections.getAndIncrement());
        }
        if (padded && tampered[0]) f[f.length - 1] = 7;
        try {
          out.write(f);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
      byte[] buf = new byte[1 << 16];
      try (in; out) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (fromServer) {
            reader.feed(buf, 0, n);
          } else {
            out.write(buf, 0, n);
          }
          out.flush();
        }
      } catch (IOException | UncheckedIOException e) {
        // either side closed
      }
    }, "padding-fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override public void close() throws IOException {
    listener.close();
    synchronized (sockets) {
      for (Socket s : sockets) s.close();
    }
  }
}
