package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.control.ControlHeaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** OkHttp, a real HTTP/2 client, against the reference server: h2c prior knowledge and TLS with ALPN. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OkHttpInteropTest {
  static final long[] SIZES = {0, 1, 16383, 16384, 16385, 100_000, 1 << 20};

  private ReferenceServer plain;
  private ReferenceServer tls;
  private ReferenceServer padMax;
  private OkHttpClient h2c;
  private OkHttpClient overTls;

  @BeforeAll
  void start() throws IOException {
    plain = ReferenceServer.start(ServerOptions.defaults());
    tls = ReferenceServer.start(ServerOptions.defaults().withTls());
    padMax = ReferenceServer.start(ServerOptions.defaults().withDefaultPad(ControlHeaders.PAD_MAX));
    h2c = TrustingClients.h2c();
    overTls = TrustingClients.tls(tls.certificate());
  }

  @AfterAll
  void stop() {
    for (OkHttpClient c : List.of(h2c, overTls)) {
      c.dispatcher().executorService().shutdown();
      c.connectionPool().evictAll();
    }
    plain.close();
    tls.close();
    padMax.close();
  }

  Stream<Arguments> sizesAndPadding() {
    List<Arguments> out = new ArrayList<>();
    for (long size : SIZES) {
      for (String pad : new String[] {null, "0", "1", "100", "max"}) {
        out.add(Arguments.of(size, pad));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "h2c body {0} pad {1}")
  @MethodSource("sizesAndPadding")
  void h2cPriorKnowledge(long size, String pad) throws IOException {
    fetch(h2c, plain.url(), size, pad, null, Protocol.H2_PRIOR_KNOWLEDGE);
  }

  @ParameterizedTest(name = "tls body {0} pad {1}")
  @MethodSource("sizesAndPadding")
  void tlsWithAlpnH2(long size, String pad) throws IOException {
    fetch(overTls, tls.url(), size, pad, null, Protocol.HTTP_2);
  }

  @ParameterizedTest(name = "default pad max, body {0}")
  @MethodSource("sizes")
  void serverDefaultPaddingMax(long size) throws IOException {
    fetch(h2c, padMax.url(), size, null, "1000", Protocol.H2_PRIOR_KNOWLEDGE);
  }

  LongStream sizes() {
    return LongStream.of(SIZES);
  }

  @Test
  void manyStreamsAtOnceOnOneConnection() throws Exception {
    for (OkHttpClient client : List.of(h2c, overTls)) {
      String url = client == h2c ? plain.url() : tls.url();
      Protocol protocol = client == h2c ? Protocol.H2_PRIOR_KNOWLEDGE : Protocol.HTTP_2;
      client.connectionPool().evictAll();
      fetch(client, url, 1, null, null, protocol); // one connection first, so the rest share it
      ExecutorService pool = Executors.newFixedThreadPool(24);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
          long size = 50_000 + 7919L * i;
          String pad = i % 3 == 0 ? "max" : i % 3 == 1 ? "9" : null;
          String chunk = i % 2 == 0 ? "3000" : null;
          calls.add(pool.submit(() -> {
            fetch(client, url, size, pad, chunk, protocol);
            return null;
          }));
        }
        for (Future<?> f : calls) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, client.connectionPool().connectionCount(), "all calls shared one connection");
    }
  }

  static void fetch(OkHttpClient client, String url, long size, String pad, String chunk, Protocol protocol)
      throws IOException {
    Request.Builder rb = new Request.Builder().url(url).header("h2h-body", Long.toString(size));
    if (pad != null) rb.header("h2h-pad", pad);
    if (chunk != null) rb.header("h2h-chunk", chunk);
    try (Response r = client.newCall(rb.build()).execute()) {
      assertEquals(200, r.code());
      assertEquals(protocol, r.protocol());
      assertEquals(Long.toString(size), r.header("content-length"));
      H2Probe.assertPattern(size, r.body().bytes());
    }
  }
}
