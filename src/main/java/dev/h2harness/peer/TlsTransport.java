package dev.h2harness.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** HTTP/2 over TLS with ALPN {@code h2} (RFC 9113 §3.2), SNI from the host name. */
public final class TlsTransport {
  private TlsTransport() {}

  /**
   * Connects and completes the handshake; fails with an IOException whose message says why
   * (handshake failure, or the server did not choose {@code h2}).
   *
   * @param insecure skip certificate checks (self-signed test servers)
   */
  public static Transport connect(String host, int port, int timeoutMillis, boolean insecure) throws IOException {
    SSLContext ctx;
    try {
      ctx = SSLContext.getInstance("TLS");
      ctx.init(null, insecure ? new TrustManager[] {new TrustEverything()} : null, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
    Socket raw = new Socket();
    try {
      raw.setTcpNoDelay(true);
      raw.connect(new InetSocketAddress(host, port), timeoutMillis);
      SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
      SSLParameters params = tls.getSSLParameters();
      params.setApplicationProtocols(new String[] {"h2"});
      if (!host.matches("[0-9.]+|.*:.*")) params.setServerNames(List.of(new SNIHostName(host)));
      if (!insecure) params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout(timeoutMillis);
      tls.startHandshake();
      String alpn = tls.getApplicationProtocol();
      if (!"h2".equals(alpn)) {
        throw new IOException("TLS handshake with " + host + ":" + port + " did not select ALPN h2 (got "
            + (alpn == null || alpn.isEmpty() ? "none" : alpn) + ")");
      }
      return TcpTransport.over(tls, "h2 (TLS) " + host + ":" + port);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** Accepts any certificate: only with {@code --insecure}. */
  private static final class TrustEverything implements X509TrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
