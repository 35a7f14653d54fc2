package dev.h2harness.cli;

import dev.h2harness.peer.TcpTransport;
import dev.h2harness.peer.TlsTransport;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Connections to a target URL, and the one-line reason a connection could not be made. */
final class Connectors {
  private Connectors() {}

  static ScenarioRunner.Connector of(TargetUrl url, int timeoutMillis, boolean insecure) {
    if (url.tls()) {
      return () -> TlsTransport.connect(url.host(), url.port(), timeoutMillis, insecure);
    }
    return () -> TcpTransport.connect(url.host(), url.port(), timeoutMillis);
  }

  /** Null when a connection can be made, else why not. */
  static String probe(ScenarioRunner.Connector connector) {
    try (dev.h2harness.peer.Transport t = connector.connect()) {
      return null;
    } catch (IOException e) {
      return message(e);
    }
  }

  /** Why connecting to {@code url} failed, in one line with what to try. */
  static String describe(IOException e, TargetUrl url, int timeoutMillis) {
    String where = url.host() + ":" + url.port();
    if (e instanceof UnknownHostException) return "unknown host " + url.host();
    if (e instanceof ConnectException) return "cannot connect to " + where + ": " + message(e);
    if (e instanceof SocketTimeoutException) {
      return url.tls() ? "no TLS handshake answer from " + where + " within " + timeoutMillis + " ms"
          : "cannot connect to " + where + " within " + timeoutMillis + " ms";
    }
    if (e instanceof SSLException) {
      if (causedBy(e, CertificateException.class) || message(e).contains("PKIX")
          || message(e).contains("subject alternative") || message(e).contains("certificate")) {
        return "TLS handshake with " + where + " failed: the certificate is not trusted (" + rootMessage(e)
            + "); use --insecure to accept it";
      }
      if (message(e).contains("Unsupported or unrecognized SSL message") || message(e).contains("plaintext")) {
        return "TLS handshake with " + where + " failed: the target does not speak TLS; try http://";
      }
      if (e instanceof SSLHandshakeException && message(e).startsWith("Received fatal alert")) {
        return "TLS handshake with " + where + " failed: the server sent the alert "
            + message(e).substring("Received fatal alert: ".length());
      }
      return "TLS handshake with " + where + " failed: " + message(e);
    }
    return message(e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return true;
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    String m = message(t);
    return m.length() > 120 ? m.substring(0, 120) + "…" : m;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
