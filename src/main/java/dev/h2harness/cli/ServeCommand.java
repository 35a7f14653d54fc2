package dev.h2harness.cli;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.server.FileSend;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerLimits;
import dev.h2harness.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the reference server until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the reference server: h2c with prior knowledge, or TLS with ALPN h2.",
        "Honours the h2h- control headers (contract §4); serves /h2h/log?stream=N.",
        "Prints the URL it listens on, then serves until Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 (default) picks a free one.")
  int port = 0;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind = ServerOptions.DEFAULT_BIND;

  @Option(names = "--tls", description = "TLS with ALPN h2 (a self-signed certificate unless --cert/--key).")
  boolean tls;

  @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain (with --tls and --key).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 private key (with --tls and --cert).")
  Path key;

  @Option(names = "--root", paramLabel = "DIR", description = "Serve the files under DIR to GET and HEAD.")
  Path root;

  @Option(names = "--pad", paramLabel = "N|max",
      description = "Pad every DATA body without h2h-pad: N octets (0..256 counts; more is max) or max.")
  String pad;

  @Option(names = "--file-send", paramLabel = "map|transfer-to",
      description = "How files reach the socket: from a memory mapping, gathered with the frame headers "
          + "(default), or by transferTo (sendfile) per frame; TLS always maps.")
  String fileSend = "map";

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Connections beyond N are closed at once (default ${DEFAULT-VALUE}).")
  int maxConnections = ServerLimits.DEFAULT_MAX_CONNECTIONS;

  @Option(names = "--max-connections-per-ip", paramLabel = "N",
      description = "Connections from one client address beyond N are closed at once (default ${DEFAULT-VALUE}).")
  int maxConnectionsPerIp = ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_IP;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      description = "GOAWAY and close a connection on which no stream opened and no DATA moved for this long; "
          + "other frames do not count (default ${DEFAULT-VALUE}).")
  long idleSeconds = ServerLimits.DEFAULT_IDLE_TIMEOUT.toSeconds();

  @Option(names = "--settings-timeout", paramLabel = "SECONDS",
      description = "GOAWAY(SETTINGS_TIMEOUT) when the client has not sent its preface and acknowledged our "
          + "SETTINGS within this long (default ${DEFAULT-VALUE}).")
  long settingsSeconds = ServerLimits.DEFAULT_SETTINGS_TIMEOUT.toSeconds();

  @Option(names = "--max-header-list-size", paramLabel = "OCTETS",
      description = "SETTINGS_MAX_HEADER_LIST_SIZE, announced and enforced per request (default ${DEFAULT-VALUE}).")
  int maxHeaderListSize = ServerLimits.DEFAULT_MAX_HEADER_LIST_SIZE;

  @Option(names = "--max-header-bytes-per-connection", paramLabel = "OCTETS",
      description = "Decoded request fields one connection's open streams may hold (default ${DEFAULT-VALUE}).")
  int maxHeaderBytesPerConnection = ServerLimits.DEFAULT_MAX_HEADER_BYTES_PER_CONNECTION;

  @Option(names = "--max-continuations", paramLabel = "N",
      description = "CONTINUATION frames allowed in one header block (default ${DEFAULT-VALUE}).")
  int maxContinuations = ServerLimits.DEFAULT_MAX_CONTINUATIONS;

  @Option(names = "--reset-rate", paramLabel = "BURST/PER_SECOND",
      description = "The client's RST_STREAM frames before GOAWAY(ENHANCE_YOUR_CALM) (default ${DEFAULT-VALUE}).")
  String resetRate = ServerLimits.DEFAULT_RESETS.toString();

  @Option(names = "--stream-error-rate", paramLabel = "BURST/PER_SECOND",
      description = "Streams we reset for the client's bad frames, refused streams included, before "
          + "GOAWAY(ENHANCE_YOUR_CALM) (default ${DEFAULT-VALUE}).")
  String streamErrorRate = ServerLimits.DEFAULT_STREAM_ERRORS.toString();

  @Option(names = "--flood-rate", paramLabel = "BURST/PER_SECOND",
      description = "PING, SETTINGS and empty DATA frames before GOAWAY(ENHANCE_YOUR_CALM) (default ${DEFAULT-VALUE}).")
  String floodRate = ServerLimits.DEFAULT_FLOODS.toString();

  @Override public Integer call() {
    ServerOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ReferenceServer server;
    try {
      server = ReferenceServer.start(options);
    } catch (IOException e) {
      System.err.println("h2harness serve: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close(); // Ctrl-C or SIGTERM: close the selector and every socket
      stopped.countDown();
    }, "h2harness-serve-shutdown"));
    System.out.println("h2harness serve: listening on " + server.url());
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
    return 0;
  }

  private ServerOptions options() {
    if (port < 0 || port > ServerOptions.MAX_PORT) {
      throw new IllegalArgumentException("--port " + port + ": not in 0.." + ServerOptions.MAX_PORT);
    }
    if (!tls && (cert != null || key != null)) throw new IllegalArgumentException("--cert and --key need --tls");
    if ((cert == null) != (key == null)) throw new IllegalArgumentException("--cert and --key go together");
    if (maxConnections < 1) throw new IllegalArgumentException("--max-connections must be at least 1");
    if (maxConnectionsPerIp < 1) throw new IllegalArgumentException("--max-connections-per-ip must be at least 1");
    if (idleSeconds < 1) throw new IllegalArgumentException("--idle-timeout must be at least 1 second");
    if (settingsSeconds < 1) throw new IllegalArgumentException("--settings-timeout must be at least 1 second");
    if (maxHeaderListSize < 1024) throw new IllegalArgumentException("--max-header-list-size must be at least 1024");
    if (maxHeaderBytesPerConnection < maxHeaderListSize) {
      throw new IllegalArgumentException("--max-header-bytes-per-connection must be at least --max-header-list-size");
    }
    if (maxContinuations < 0) throw new IllegalArgumentException("--max-continuations must not be negative");
    ServerLimits limits = ServerLimits.defaults().withMaxConnections(maxConnections)
        .withMaxConnectionsPerIp(maxConnectionsPerIp)
        .withIdleTimeout(java.time.Duration.ofSeconds(idleSeconds))
        .withSettingsTimeout(java.time.Duration.ofSeconds(settingsSeconds))
        .withMaxHeaderListSize(maxHeaderListSize)
        .withMaxHeaderBytesPerConnection(maxHeaderBytesPerConnection)
        .withMaxContinuations(maxContinuations)
        .withResets(rate("--reset-rate", resetRate))
        .withStreamErrors(rate("--stream-error-rate", streamErrorRate))
        .withFloods(rate("--flood-rate", floodRate));
    FileSend send = switch (fileSend) {
      case "map" -> FileSend.MAP;
      case "transfer-to" -> FileSend.TRANSFER_TO;
      default -> throw new IllegalArgumentException("--file-send " + fileSend + ": expected map or transfer-to");
    };
    return new ServerOptions(bind, port, tls, cert, key, root, padding(pad), send, limits);
  }

  private static ServerLimits.Rate rate(String option, String value) {
    try {
      return ServerLimits.Rate.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage());
    }
  }

  static int padding(String value) {
    if (value == null) return -1;
    if (value.equals("max")) return ControlHeaders.PAD_MAX;
    if (!value.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("--pad " + value + ": expected a number of octets or max");
    }
    return Integer.parseInt(value);
  }
}
