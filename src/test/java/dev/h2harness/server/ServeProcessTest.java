package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code h2harness serve} as a separate process, the way a user runs it. */
@Timeout(120)
class ServeProcessTest {
  @Test
  void theProcessIsTheJarUsersRun() {
    // Maven builds target/h2harness.jar before the tests (process-classes).
    assertTrue(ServeProcess.command().contains("-jar"), String.join(" ", ServeProcess.command()));
  }

  @Test
  void servesAsAProcessAndStopsOnSigterm() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      assertTrue(serve.url().matches("http://127\\.0\\.0\\.1:\\d+/"), serve.url());
      OkHttpClient client = TrustingClients.h2c();
      try (Response r = client.newCall(new Request.Builder().url(serve.url()).build()).execute()) {
        assertEquals(200, r.code());
        assertTrue(r.body().string().contains("h2harness reference server"));
      }
      try (Response r = client.newCall(new Request.Builder().url(serve.url())
          .header("h2h-body", "70000").header("h2h-pad", "max").build()).execute()) {
        H2Probe.assertPattern(70000, r.body().bytes());
      }
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      Process p = serve.process();
      p.destroy(); // SIGTERM: the shutdown hook closes the selector and the sockets
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "serve stopped on SIGTERM");
      assertEquals(143, p.exitValue(), "128 + SIGTERM");
      assertFalse(serve.stderr().contains("Exception"), serve.stderr());
    }
  }
}
