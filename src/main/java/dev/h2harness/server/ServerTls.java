package dev.h2harness.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The server's TLS: its key and certificate, and engines that offer ALPN {@code h2} only. */
public final class ServerTls {
  static final String ALPN_H2 = "h2";
  private static final char[] STORE_PASSWORD = "h2harness".toCharArray();

  private final SSLContext context;
  private final X509Certificate certificate;
  private final String[] cipherSuites;

  private ServerTls(SSLContext context, X509Certificate certificate) {
    this.context = context;
    this.certificate = certificate;
    SSLParameters defaults = context.getDefaultSSLParameters();
    this.cipherSuites = Arrays.stream(defaults.getCipherSuites()).filter(ServerTls::allowedForH2).toArray(String[]::new);
  }

  /** With PEM files, or a self-signed certificate when both are null. */
  public static ServerTls create(Path certFile, Path keyFile) throws IOException {
    List<X509Certificate> chain;
    PrivateKey key;
    if (certFile == null) {
      SelfSignedCertificate self = SelfSignedCertificate.get();
      chain = List.of(self.certificate());
      key = self.key();
    } else {
      chain = PemFiles.certificates(certFile);
      key = PemFiles.privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm());
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, STORE_PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new ServerTls(ctx, chain.get(0));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the certificate and key: " + e.getMessage());
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The server side of TLS over an accepted socket, offering ALPN h2 as {@link #newEngine} does. */
  public javax.net.ssl.SSLSocket serverSide(java.net.Socket accepted) throws IOException {
    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory()
        .createSocket(accepted, null, accepted.getPort(), true);
    tls.setUseClientMode(false);
    SSLParameters p = tls.getSSLParameters();
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    p.setCipherSuites(cipherSuites);
    p.setApplicationProtocols(new String[] {ALPN_H2});
    tls.setSSLParameters(p);
    return tls;
  }

  SSLEngine newEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters p = engine.getSSLParameters();
    // RFC 9113 §9.2: TLS 1.2 or later; §9.2.2: with TLS 1.2, ephemeral key exchange and AEAD only.
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    p.setCipherSuites(cipherSuites);
    p.setApplicationProtocols(new String[] {ALPN_H2});
    engine.setSSLParameters(p);
    return engine;
  }

  private static boolean allowedForH2(String suite) {
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return true; // TLS 1.3
    }
    boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    return ephemeral && aead;
  }
}
