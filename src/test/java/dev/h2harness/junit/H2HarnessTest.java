package dev.h2harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.peer.PaddingFaultProxy;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The library API in process: names, passes, failures with findings and frame log, a bad pattern. */
class H2HarnessTest {
  @Test
  void oneTestPerScenarioNamedByIdAndTitleAllPassingAgainstTheReferenceServer() throws Throwable {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      H2Harness h = H2Harness.server(URI.create(server.url())).only("padding/", "trailers/");
      List<DynamicTest> tests = h.dynamicTests().toList();
      assertEquals(h.scenarioIds().size(), tests.size());
      assertTrue(tests.get(0).getDisplayName().startsWith(h.scenarioIds().get(0) + ": "), tests.get(0).getDisplayName());
      for (DynamicTest t : tests) t.getExecutable().execute();
    }
  }

  @Test
  void aPlantedFaultFailsWithTheFindingAndTheFrameLog() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
         PaddingFaultProxy faulty = PaddingFaultProxy.always(server.port())) {
      DynamicTest t = H2Harness.server(URI.create("http://127.0.0.1:" + faulty.port()))
          .only("padding/pad-2-small-body").dynamicTests().findFirst().orElseThrow();
      AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
      assertTrue(e.getMessage().startsWith("1 finding:\ndata.padding.nonzero ("), e.getMessage());
      assertTrue(e.getMessage().contains("\nframe log:\n"), e.getMessage());
    }
  }

  @Test
  void anUnreachableServerFailsEveryTestWithOneLine() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DynamicTest t = H2Harness.server(URI.create("http://127.0.0.1:" + port)).timeout(java.time.Duration.ofMillis(500))
        .only("generic/ping").dynamicTests().findFirst().orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
    assertTrue(e.getMessage().startsWith("h2harness: cannot run against http://127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void okHttpAsTheClientUnderTestPassesTheGenericClientScenarios() throws Throwable {
    okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder()
        .protocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE)).retryOnConnectionFailure(false).build();
    try (java.util.stream.Stream<DynamicTest> tests = H2Harness.client().only("client/generic/").dynamicTests(url -> {
      try (okhttp3.Response r = client.newCall(new okhttp3.Request.Builder().url(url.toString()).build()).execute()) {
        r.body().bytes();
      } finally {
        client.connectionPool().evictAll();
      }
    })) {
      int n = 0;
      for (DynamicTest t : tests.toList()) {
        assertTrue(t.getDisplayName().startsWith("client/generic/"), t.getDisplayName());
        try {
          t.getExecutable().execute();
        } catch (org.opentest4j.TestAbortedException skipped) {
          continue; // e.g. an upload scenario: OkHttp's GET has no body
        }
        n++;
      }
      assertTrue(n > 0, "no generic client scenario ran");
    } finally {
      client.dispatcher().executorService().shutdownNow();
    }
  }

  @Test
  void aClientThatNeverConnectsFailsWithOneLine() {
    DynamicTest t = H2Harness.client().only("client/generic/").dynamicTests(url -> { }).findFirst().orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
    assertTrue(e.getMessage().startsWith("the client did not connect to http://127.0.0.1:"), e.getMessage());
  }

  @Test
  void mistakesAreSaidAtOnce() {
    assertThrows(IllegalStateException.class, () -> H2Harness.client().dynamicTests());
    assertThrows(IllegalArgumentException.class, () -> H2Harness.server(URI.create("ftp://127.0.0.1:1")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> H2Harness.server(URI.create("http://127.0.0.1:1")).only("nothing/").dynamicTests());
    assertEquals("h2harness: only(\"nothing/\") matches no scenario", e.getMessage());
  }
}
