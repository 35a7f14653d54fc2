package dev.h2harness.peer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;

/**
 * The harness's listening socket for clients under test (the {@code listen} command): h2c with
 * prior knowledge, or TLS with ALPN {@code h2}. Every accept and handshake waits a bounded time.
 */
public final class ClientListener implements Closeable {
  /** Wraps an accepted socket in the server side of TLS. */
  @FunctionalInterface
  public interface TlsWrapper {
    SSLSocket wrap(Socket accepted) throws IOException;
  }

  private final ServerSocket server;
  private final TlsWrapper tls;

  /**
   * @param port 0 for an ephemeral port
   * @param tls null for h2c
   */
  public ClientListener(String bind, int port, TlsWrapper tls) throws IOException {
    this.tls = tls;
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://HOST:PORT} or {@code https://HOST:PORT}, as a client should be told. */
  public String baseUrl() {
    InetAddress a = server.getInetAddress();
    String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return (tls == null ? "http" : "https") + "://" + host + ":" + port();
  }

  /**
   * The next client connection, or null when none came within {@code timeoutMillis} (0: wait
   * for ever). A TLS client that fails the handshake or does not choose {@code h2} is an IOException.
   */
  public Transport accept(int timeoutMillis) throws IOException {
    server.setSoTimeout(timeoutMillis);
    Socket s;
    try {
      s = server.accept();
    } catch (SocketTimeoutException e) {
      return null;
    }
    try {
      s.setTcpNoDelay(true);
      String peer = s.getInetAddress().getHostAddress() + ":" + s.getPort();
      if (tls == null) return TcpTransport.over(s, "h2c client " + peer);
      SSLSocket t = tls.wrap(s);
      t.setSoTimeout(Math.max(timeoutMillis, 10_000));
      t.startHandshake();
      String alpn = t.getApplicationProtocol();
      if (!"h2".equals(alpn)) {
        t.close();
        throw new IOException("the client did not choose ALPN h2 (got " + (alpn == null || alpn.isEmpty() ? "none" : alpn) + ")");
      }
      return TcpTransport.over(t, "h2 (TLS) client " + peer);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Accepts and closes connections already waiting: leftovers of the previous client. */
  public void drain() {
    try {
      server.setSoTimeout(1);
      while (true) {
        server.accept().close();
      }
    } catch (IOException e) {
      // none left
    }
  }

  @Override public void close() throws IOException {
    server.close();
  }
}
