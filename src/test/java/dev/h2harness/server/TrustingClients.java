package dev.h2harness.server;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** OkHttp clients for the reference server: h2c with prior knowledge, or TLS trusting its certificate. */
final class TrustingClients {
  private TrustingClients() {}

  static OkHttpClient h2c() {
    return base().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
  }

  static OkHttpClient tls(X509Certificate trusted) {
    X509TrustManager tm = trustManager(trusted);
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
      return base().protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
          .sslSocketFactory(ctx.getSocketFactory(), tm).build();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static X509TrustManager trustManager(X509Certificate trusted) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("server", trusted);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return (X509TrustManager) tmf.getTrustManagers()[0];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static OkHttpClient.Builder base() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(d)
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(60));
  }
}
