package example;

import dev.h2harness.junit.H2Harness;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The h2harness catalogue against our server: one test per scenario. Scenarios that need the
 * control headers are skipped (a plain server does not honour them); every other one must pass.
 * -Dh2harness.target=URL points the same tests at another running server.
 */
class Http2ConformanceTest {
  private static NettyH2cServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = new NettyH2cServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> http2Conformance() {
    return H2Harness.server(URI.create(target())).only("generic/", "padding/").dynamicTests();
  }

  private static String target() {
    String other = System.getProperty("h2harness.target", "");
    return other.isEmpty() || other.startsWith("${") ? "http://127.0.0.1:" + server.port() : other;
  }
}
