package dev.h2harness.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A loopback TCP server that misbehaves as told, for testing that the peer never hangs. */
public final class HostileServer implements AutoCloseable {
  /** What the server does with each connection; it may throw when the peer goes away. */
  @FunctionalInterface
  public interface Behaviour {
    void serve(Socket s) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> sockets = new ArrayList<>();

  public HostileServer(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          synchronized (sockets) {
            sockets.add(s);
          }
          Thread t = new Thread(() -> {
            try (s) {
              behaviour.serve(s);
            } catch (IOException | InterruptedException ignored) {
              // The peer closed the connection, or the test is over.
            }
          });
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) s.close();
    }
  }
}
