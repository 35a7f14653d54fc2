package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.h2harness.hpack.HeaderField;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that reads slowly through a small socket buffer against the smallest output buffer:
 * the server meets a full socket and a full buffer over and over (partial writes, the send-data
 * callback's real WOULDBLOCK, OP_WRITE), and every octet must still arrive in order.
 */
@Timeout(120)
class SlowReaderTest {
  @TempDir Path dir;

  private static ServerOptions tight() {
    return ServerOptions.defaults().withLimits(ServerLimits.defaults()
        .withOutputBufferBytes(2 * ServerLimits.MAX_DATA_FRAME).withThreads(1));
  }

  private static H2Probe slowClient(ReferenceServer server) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(8192);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), H2Probe.TIMEOUT_MILLIS);
    s.setSoTimeout(H2Probe.TIMEOUT_MILLIS);
    return H2Probe.wrap(s);
  }

  @Test
  void patternBodyWithPaddingThroughAFullSocket() throws IOException {
    try (ReferenceServer server = ReferenceServer.start(tight()); H2Probe c = slowClient(server)) {
      c.get(1, "/", HeaderField.of("h2h-body", "3000000"), HeaderField.of("h2h-pad", "max"),
          HeaderField.of("h2h-chunk", "5000"), HeaderField.of("h2h-send-data", "pause,wouldblock,ok,pause"));
      c.get(3, "/", HeaderField.of("h2h-body", "1000000"));
      H2Probe.assertPattern(3_000_000, c.response(1).body());
      H2Probe.assertPattern(1_000_000, c.response(3).body());
    }
  }

  @ParameterizedTest
  @EnumSource(FileSend.class)
  void fileThroughAFullSocket(FileSend mode) throws IOException {
    byte[] content = new byte[3_000_000];
    new Random(5).nextBytes(content);
    Files.write(dir.resolve("f.bin"), content);
    ServerOptions o = tight().withRoot(dir).withFileSend(mode).withDefaultPad(100);
    try (ReferenceServer server = ReferenceServer.start(o); H2Probe c = slowClient(server)) {
      c.get(1, "/f.bin");
      c.get(3, "/f.bin");
      assertArrayEquals(content, c.response(1).body());
      assertArrayEquals(content, c.response(3).body());
    }
  }

  @Test
  void fileOverTlsThroughTheMapping() throws Exception {
    byte[] content = new byte[2_000_000];
    new Random(6).nextBytes(content);
    Files.write(dir.resolve("t.bin"), content);
    try (ReferenceServer server = ReferenceServer.start(tight().withTls().withRoot(dir).withDefaultPad(3))) {
      okhttp3.OkHttpClient client = TrustingClients.tls(server.certificate());
      try (okhttp3.Response r = client.newCall(new okhttp3.Request.Builder().url(server.url() + "t.bin").build()).execute()) {
        assertArrayEquals(content, r.body().bytes());
      }
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
