package dev.h2harness.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread. The first loop of a server also accepts, and hands new sockets to the
 * loops in turn. It sleeps in {@code select} until a socket is ready, for at most a tick (to close
 * idle connections), or not at all when a connection asked to be serviced again next turn.
 */
final class EventLoop implements Runnable {
  private static final long TICK_MILLIS = 250;
  private static final int ACCEPTS_PER_TURN = 64;

  private final Selector selector;
  private final ReferenceServer server;
  private final Queue<Accepted> incoming = new ConcurrentLinkedQueue<>();
  private final Set<Connection> connections = new HashSet<>();
  private List<Connection> retry = new ArrayList<>();
  private List<Connection> due = new ArrayList<>();
  private final Thread thread;
  private ServerSocketChannel acceptor;
  private SelectionKey acceptKey;
  private EventLoop[] group;
  private int nextLoop;
  private long turn;
  private volatile boolean stopping;

  /** A socket accepted by another loop, with the client address it was admitted for. */
  private record Accepted(SocketChannel channel, InetAddress peer) {}

  EventLoop(ReferenceServer server, String name) throws IOException {
    this.server = server;
    this.selector = Selector.open();
    this.thread = new Thread(this, name);
    this.thread.setDaemon(true);
  }

  /** Makes this loop accept on {@code acceptor} and spread the sockets over {@code group}. */
  void accept(ServerSocketChannel acceptor, EventLoop[] group) throws IOException {
    this.acceptor = acceptor;
    this.group = group;
    acceptor.configureBlocking(false);
    acceptKey = acceptor.register(selector, SelectionKey.OP_ACCEPT);
  }

  void start() {
    thread.start();
  }

  /** Takes a socket accepted by another loop; it is registered on this loop's thread. */
  void adopt(SocketChannel channel, InetAddress peer) {
    incoming.add(new Accepted(channel, peer));
    selector.wakeup();
  }

  void retryNextTurn(Connection c) {
    retry.add(c);
  }

  void closed(Connection c) {
    connections.remove(c);
    server.connectionClosed(c.peer);
  }

  void warn(String message) {
    server.warn(message);
  }

  @Override public void run() {
    long idleNanos = server.options().limits().idleTimeout().toNanos();
    long nextSweep = System.nanoTime();
    try {
      while (!stopping) {
        // Connections that asked for another turn are served after this select, which then must not wait.
        List<Connection> now = retry;
        retry = due;
        due = now;
        turn++;
        if (due.isEmpty()) {
          selector.select(this::ready, TICK_MILLIS);
        } else {
          selector.selectNow(this::ready);
        }
        registerIncoming();
        for (Connection c : due) {
          if (c.turn != turn) {
            c.turn = turn;
            c.service(false);
          }
        }
        due.clear();
        long t = System.nanoTime();
        if (t - nextSweep >= 0) {
          nextSweep = t + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
          if (acceptKey != null && acceptKey.isValid() && acceptKey.interestOps() == 0) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
          }
          for (Connection c : List.copyOf(connections)) {
            c.checkTimeout(t, idleNanos);
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!stopping) warn("event loop stopped: " + e);
    } finally {
      shutdown();
    }
  }

  private void ready(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key.channel() == acceptor) {
      acceptSome();
      return;
    }
    Connection c = (Connection) key.attachment();
    c.turn = turn; // served this turn: not again from the retry list
    c.service(key.isReadable());
  }

  private void acceptSome() {
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
      SocketChannel ch;
      try {
        ch = acceptor.accept();
      } catch (IOException e) {
        // E.g. out of file descriptors: the socket stays acceptable, so rest until the next tick.
        warn("accept failed: " + e.getMessage() + "; pausing accepts for " + TICK_MILLIS + " ms");
        acceptKey.interestOps(0);
        return;
      }
      if (ch == null) {
        return;
      }
      InetAddress peer = peerAddress(ch);
      if (!server.admit(peer)) {
        closeQuietly(ch); // above maxConnections, or maxConnectionsPerIp for this address
        continue;
      }
      EventLoop target = group[nextLoop++ % group.length];
      if (target == this) {
        register(ch, peer);
      } else {
        target.adopt(ch, peer);
      }
    }
  }

  private void registerIncoming() {
    Accepted a;
    while ((a = incoming.poll()) != null) {
      register(a.channel(), a.peer());
    }
  }

  private static InetAddress peerAddress(SocketChannel ch) {
    try {
      return ((InetSocketAddress) ch.getRemoteAddress()).getAddress();
    } catch (IOException | RuntimeException e) {
      return InetAddress.getLoopbackAddress(); // already gone: it is closed at its first read
    }
  }

  private void register(SocketChannel ch, InetAddress peer) {
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Transport transport = server.tls() == null ? new PlainTransport(ch)
          : new TlsTransport(ch, server.tls().newEngine());
      Connection c = new Connection(this, ch, peer, transport, server.options(), server.files());
      c.register(ch.register(selector, SelectionKey.OP_READ));
      connections.add(c);
      c.turn = turn;
      c.service(false); // the server's SETTINGS go out at once (h2c), or the handshake starts
    } catch (IOException e) {
      closeQuietly(ch);
      server.connectionClosed(peer);
    }
  }

  /** Asks the loop to stop and waits for it, at most {@code millis}. */
  void stop(long millis) throws InterruptedException {
    stopping = true;
    selector.wakeup();
    if (Thread.currentThread() != thread) {
      thread.join(millis);
    }
  }

  private void shutdown() {
    for (Connection c : List.copyOf(connections)) {
      c.close();
    }
    Accepted a;
    while ((a = incoming.poll()) != null) {
      closeQuietly(a.channel());
      server.connectionClosed(a.peer());
    }
    if (acceptor != null) {
      closeQuietly(acceptor);
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // stopping anyway
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
