package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.FrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS: ALPN h2 or nothing, the self-signed certificate, and PEM files given with --cert/--key. */
@Timeout(60)
class TlsTest {
  @TempDir Path dir;

  private static SSLSocket connect(ReferenceServer server, String... alpn) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {TrustingClients.trustManager(server.certificate())}, null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port());
    s.setSoTimeout(H2Probe.TIMEOUT_MILLIS);
    SSLParameters p = s.getSSLParameters();
    if (alpn.length > 0) p.setApplicationProtocols(alpn);
    s.setSSLParameters(p);
    return s;
  }

  @Test
  void selfSignedCertificateNamesLoopback() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withTls())) {
      X509Certificate cert = server.certificate();
      assertTrue(server.url().startsWith("https://127.0.0.1:"));
      assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> "127.0.0.1".equals(n.get(1))));
      try (SSLSocket s = connect(server, "h2", "http/1.1")) {
        s.startHandshake();
        assertEquals("h2", s.getApplicationProtocol());
        s.getOutputStream().write(FrameReader.CLIENT_PREFACE.toArray());
        s.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS
        byte[] head = s.getInputStream().readNBytes(9);
        assertEquals(4, head[3], "the server's SETTINGS");
      }
    }
  }

  @Test
  void aClientOfferingOtherProtocolsIsRefused() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withTls());
         SSLSocket s = connect(server, "http/1.1")) {
      assertThrows(SSLHandshakeException.class, s::startHandshake); // no_application_protocol
      ReferenceServerTest.awaitNoConnections(server);
    }
  }

  @Test
  void aClientWithoutAlpnIsClosed() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withTls());
         SSLSocket s = connect(server)) {
      s.startHandshake();
      assertEquals("", s.getApplicationProtocol());
      InputStream in = s.getInputStream();
      try {
        assertEquals(-1, in.read(), "closed: h2 over TLS needs ALPN (RFC 9113 §3.2)");
      } catch (IOException e) {
        // closed hard is fine too
      }
      ReferenceServerTest.awaitNoConnections(server);
    }
  }

  @Test
  void pemCertificateAndPkcs8Key() throws Exception {
    SelfSignedCertificate self = SelfSignedCertificate.get();
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, "Bag Attributes: text openssl puts before the block\n"
        + pem("CERTIFICATE", self.certificate().getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", self.key().getEncoded()));
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withTls(cert, key))) {
      assertEquals(self.certificate(), server.certificate());
      OkHttpClient client = TrustingClients.tls(server.certificate());
      try (Response r = client.newCall(new Request.Builder().url(server.url())
          .header("h2h-body", "33333").header("h2h-pad", "max").build()).execute()) {
        assertEquals(Protocol.HTTP_2, r.protocol());
        H2Probe.assertPattern(33333, r.body().bytes());
      }
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void keysThatAreNotPkcs8SayHowToConvert() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Files.writeString(cert, pem("CERTIFICATE", SelfSignedCertificate.get().certificate().getEncoded()));
    Path rsa = dir.resolve("rsa.pem");
    Files.writeString(rsa, pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
    IOException e = assertThrows(IOException.class,
        () -> ReferenceServer.start(ServerOptions.defaults().withTls(cert, rsa)));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, pem("PRIVATE KEY", new byte[] {1, 2, 3}));
    e = assertThrows(IOException.class, () -> ReferenceServer.start(ServerOptions.defaults().withTls(cert, junk)));
    assertEquals("key " + junk + ": not a PKCS#8 key of a known algorithm", e.getMessage());
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
