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

/** OkHttp's MockWebServer (Maven Central, test scope) in process, HTTP/2 with prior knowledge, serving the files. */
record MockWebServerStack() implements ServerStack {
  @Override public String id() {
    return "mockwebserver";
  }

  @Override public String name() {
    return "OkHttp MockWebServer (h2c)";
  }

  @Override public String version() {
    return OkHttp.VERSION;
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C);
  }

  @Override public String missing() {
    return null;
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
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
    String url = "http://127.0.0.1:" + server.getPort();
    return new RunningServer() {
      @Override public String url() {
        return url;
      }

      @Override public void close() {
        server.close();
      }
    };
  }
}
