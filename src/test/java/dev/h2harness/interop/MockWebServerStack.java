package dev.h2harness.interop;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttp;
import okhttp3.Protocol;
import okio.Buffer;

/**
 * OkHttp's MockWebServer (Maven Central, test scope) in process serving the files: HTTP/2 with
 * prior knowledge, or TLS with ALPN h2 (a JDK SSLContext on the matrix's certificate).
 */
record MockWebServerStack() implements ServerStack {
  @Override public String id() {
    return "mockwebserver";
  }

  @Override public String name() {
    return "OkHttp MockWebServer";
  }

  @Override public String version() {
    return OkHttp.VERSION;
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return null;
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    MockWebServer server = new MockWebServer();
    if (wire == Wire.H2C) {
      server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    } else {
      server.useHttps(sslContext(certs).getSocketFactory());
      server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    }
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Path file = root.dir().resolve(path.replaceFirst("^/+", "")).normalize();
        try {
          if (!file.startsWith(root.dir()) || !Files.isRegularFile(file)) {
            return new MockResponse.Builder().code(404).build();
          }
          return new MockResponse.Builder().code(200).body(new Buffer().write(Files.readAllBytes(file))).build();
        } catch (java.io.IOException e) {
          return new MockResponse.Builder().code(500).build();
        }
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    String url = wire.scheme + "://127.0.0.1:" + server.getPort();
    return new RunningServer() {
      @Override public String url() {
        return url;
      }

      @Override public void close() {
        server.close();
      }
    };
  }

  private static javax.net.ssl.SSLContext sslContext(Certs certs) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(certs.pkcs12())) {
      store.load(in, certs.password().toCharArray());
    }
    javax.net.ssl.KeyManagerFactory keys =
        javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, certs.password().toCharArray());
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
