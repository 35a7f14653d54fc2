package dev.h2harness.server;

import dev.h2harness.control.ControlHeaders;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a {@link ReferenceServer}.
 *
 * @param bind address to listen on
 * @param port 0 for an ephemeral port
 * @param tls TLS with ALPN {@code h2}; otherwise h2c with prior knowledge
 * @param cert PEM certificate chain, or null for a self-signed one (TLS only)
 * @param key PEM PKCS#8 private key, with {@code cert}
 * @param root directory of static files, or null
 * @param defaultPad padding of DATA bodies without {@code h2h-pad}: -1 none, N octets, or
 *     {@link ControlHeaders#PAD_MAX}
 * @param fileSend how static files reach the socket
 */
public record ServerOptions(String bind, int port, boolean tls, Path cert, Path key, Path root,
                            int defaultPad, FileSend fileSend, ServerLimits limits) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  /** The largest TCP port number. */
  public static final int MAX_PORT = 0xffff;

  public ServerOptions {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(fileSend, "fileSend");
    if (port < 0 || port > MAX_PORT) throw new IllegalArgumentException("port " + port + " is not in 0.." + MAX_PORT);
    if ((cert == null) != (key == null)) throw new IllegalArgumentException("--cert and --key go together");
    if (cert != null && !tls) throw new IllegalArgumentException("--cert and --key need --tls");
    if (defaultPad < -1) throw new IllegalArgumentException("padding " + defaultPad + " is negative");
  }

  /** h2c on an ephemeral loopback port, no static files, no default padding. */
  public static ServerOptions defaults() {
    return new ServerOptions(DEFAULT_BIND, 0, false, null, null, null, -1, FileSend.MAP, ServerLimits.defaults());
  }

  public ServerOptions withBind(String b) {
    return new ServerOptions(b, port, tls, cert, key, root, defaultPad, fileSend, limits);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(bind, p, tls, cert, key, root, defaultPad, fileSend, limits);
  }

  /** TLS with a self-signed certificate made at start. */
  public ServerOptions withTls() {
    return new ServerOptions(bind, port, true, null, null, root, defaultPad, fileSend, limits);
  }

  /** TLS with a PEM certificate chain and PKCS#8 key. */
  public ServerOptions withTls(Path certFile, Path keyFile) {
    return new ServerOptions(bind, port, true, certFile, keyFile, root, defaultPad, fileSend, limits);
  }

  public ServerOptions withRoot(Path dir) {
    return new ServerOptions(bind, port, tls, cert, key, dir, defaultPad, fileSend, limits);
  }

  public ServerOptions withDefaultPad(int pad) {
    return new ServerOptions(bind, port, tls, cert, key, root, pad, fileSend, limits);
  }

  public ServerOptions withFileSend(FileSend f) {
    return new ServerOptions(bind, port, tls, cert, key, root, defaultPad, f, limits);
  }

  public ServerOptions withLimits(ServerLimits l) {
    return new ServerOptions(bind, port, tls, cert, key, root, defaultPad, fileSend, l);
  }
}
