package dev.h2harness.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** HTTP/2 over TCP with prior knowledge (RFC 9113 §3.3). */
public final class TcpTransport implements Transport {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String description;

  private TcpTransport(Socket socket, String description) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.description = description;
  }

  public static TcpTransport connect(String host, int port, int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      return new TcpTransport(s, "h2c " + host + ":" + port);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Wraps an already connected socket (the TLS transport uses its SSL socket). */
  static TcpTransport over(Socket socket, String description) throws IOException {
    return new TcpTransport(socket, description);
  }

  @Override public void write(byte[] data, int offset, int length) throws IOException {
    out.write(data, offset, length);
    out.flush();
  }

  @Override public int read(byte[] buf, int timeoutMillis) throws IOException {
    socket.setSoTimeout(Math.max(1, timeoutMillis));
    try {
      return in.read(buf);
    } catch (SocketTimeoutException e) {
      return 0;
    }
  }

  @Override public String describe() {
    return description;
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
