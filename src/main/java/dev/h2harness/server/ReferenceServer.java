package dev.h2harness.server;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference server, running: {@link #start} binds and starts the event loops; {@link #close}
 * stops them and closes every socket. Usable from tests and from {@code check}, which start it
 * embedded, and from {@code serve}.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
 *   URI target = URI.create(server.url());   // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
public final class ReferenceServer implements AutoCloseable {
  private static final int BACKLOG = 1024;
  private static final long STOP_MILLIS = 5_000;

  private final ServerOptions options;
  private final ServerTls tls;
  private final StaticFiles files;
  private final AtomicInteger connections = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final ServerSocketChannel acceptor;
  private final EventLoop[] loops;
  private final String url;
  private final int port;
  private volatile boolean closed;

  private ReferenceServer(ServerOptions options, ServerTls tls, StaticFiles files, ServerSocketChannel acceptor)
      throws IOException {
    this.options = options;
    this.tls = tls;
    this.files = files;
    this.acceptor = acceptor;
    InetSocketAddress local = (InetSocketAddress) acceptor.getLocalAddress();
    this.url = url(tls != null, local);
    this.port = local.getPort();
    this.loops = new EventLoop[options.limits().threads()];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new EventLoop(this, "h2harness-server-" + local.getPort() + "-" + i);
    }
    loops[0].accept(acceptor, loops);
  }

  /**
   * Binds and starts serving. The {@link IOException}'s message is one line fit for a user: a
   * port in use, an unreadable certificate, a missing root directory.
   */
  public static ReferenceServer start(ServerOptions options) throws IOException {
    StaticFiles files = options.root() == null ? null : StaticFiles.under(options.root());
    ServerTls tls = options.tls() ? ServerTls.create(options.cert(), options.key()) : null;
    InetAddress address;
    try {
      address = InetAddress.getByName(options.bind());
    } catch (UnknownHostException e) {
      throw new IOException("cannot listen on " + options.bind() + ": unknown address");
    }
    ServerSocketChannel acceptor = ServerSocketChannel.open();
    try {
      acceptor.bind(new InetSocketAddress(address, options.port()), BACKLOG);
      ReferenceServer server = new ReferenceServer(options, tls, files, acceptor);
      for (EventLoop loop : server.loops) {
        loop.start();
      }
      return server;
    } catch (IOException e) {
      acceptor.close();
      String why = e instanceof BindException || e.getMessage() != null ? e.getMessage() : e.toString();
      throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": " + why);
    }
  }

  /** The port it listens on (the ephemeral one when started with port 0). */
  public int port() {
    return port;
  }

  /** {@code http://HOST:PORT/} or {@code https://HOST:PORT/}. */
  public String url() {
    return url;
  }

  /** The certificate it presents over TLS (self-signed unless given), or null without TLS. */
  public X509Certificate certificate() {
    return tls == null ? null : tls.certificate();
  }

  public ServerOptions options() {
    return options;
  }

  /** Connections open now. */
  public int connectionCount() {
    return connections.get();
  }

  /** Stops accepting, closes every connection and waits for the loops (at most 5 s). Idempotent. */
  @Override public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (EventLoop loop : loops) {
        loop.stop(STOP_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        acceptor.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  ServerTls tls() {
    return tls;
  }

  StaticFiles files() {
    return files;
  }

  /**
   * Counts a new connection from {@code peer}, unless that would pass
   * {@link ServerLimits#maxConnections()} or {@link ServerLimits#maxConnectionsPerIp()}.
   */
  boolean admit(InetAddress peer) {
    if (connections.incrementAndGet() > options.limits().maxConnections()) {
      connections.decrementAndGet();
      return false;
    }
    int perIp = options.limits().maxConnectionsPerIp();
    boolean[] room = {true};
    perAddress.compute(peer, (k, n) -> {
      int held = n == null ? 0 : n;
      room[0] = held < perIp;
      return room[0] ? held + 1 : n;
    });
    if (!room[0]) {
      connections.decrementAndGet();
    }
    return room[0];
  }

  void connectionClosed(InetAddress peer) {
    connections.decrementAndGet();
    perAddress.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
  }

  void warn(String message) {
    System.err.println("h2harness serve: " + message);
  }

  private static String url(boolean tls, InetSocketAddress local) {
    InetAddress a = local.getAddress();
    String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return (tls ? "https" : "http") + "://" + host + ":" + local.getPort() + "/";
  }
}
