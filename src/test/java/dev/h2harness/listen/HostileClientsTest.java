package dev.h2harness.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.ClientListener;
import dev.h2harness.peer.Transport;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.OutputStream;
import java.net.Socket;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile clients over real sockets get a verdict within bounded time, as hostile servers do under
 * {@code check}: garbage, silence, a preface dribbled an octet at a time, a PING flood.
 */
@Timeout(60)
class HostileClientsTest {
  private static final int TIMEOUT = 500;

  @FunctionalInterface
  interface Client {
    void talk(OutputStream out) throws Exception;
  }

  private static ScenarioResult against(Client behaviour) throws Exception {
    Scenario s = ReferenceClientCatalogueTest.clientCatalogue().stream()
        .filter(x -> x.id().equals("client/generic/request-complete")).findFirst().orElseThrow();
    try (ClientListener listener = new ClientListener("127.0.0.1", 0, null)) {
      Thread client = new Thread(() -> {
        try (Socket sock = new Socket("127.0.0.1", listener.port())) {
          behaviour.talk(sock.getOutputStream());
        } catch (Exception e) {
          // the harness closed on it: what a hostile client gets
        }
      });
      client.setDaemon(true);
      client.start();
      try (Transport t = listener.accept(5000)) {
        return new ListenRunner(TIMEOUT, false).judge(s, t, "");
      }
    }
  }

  private static String rules(ScenarioResult r) {
    return r.findings().stream().map(f -> f.rule().id()).collect(Collectors.joining(","));
  }

  @Test
  void garbageInsteadOfThePrefaceIsAFailureAtOctetZero() throws Exception {
    ScenarioResult r = against(out -> {
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Thread.sleep(3000);
    });
    assertEquals(Verdict.FAIL, r.verdict());
    assertTrue(r.findings().get(0).rule().id().equals("frame.malformed") && r.findings().get(0).offset() == 0, r.findings().toString());
    assertTrue(r.nanos() < 2_000_000_000L, "bounded: " + r.nanos());
  }

  @Test
  void aSilentClientTimesOut() throws Exception {
    ScenarioResult r = against(out -> Thread.sleep(5000));
    assertEquals(Verdict.FAIL, r.verdict());
    assertTrue(rules(r).contains("timeout"), rules(r));
    assertTrue(r.nanos() < 3L * TIMEOUT * 1_000_000L + 1_000_000_000L, "bounded: " + r.nanos());
  }

  @Test
  void aDribbledPrefaceRunsIntoTheScenarioBudget() throws Exception {
    ScenarioResult r = against(out -> {
      for (byte b : FrameReader.CLIENT_PREFACE.toArray()) {
        out.write(b);
        out.flush();
        Thread.sleep(200);
      }
      Thread.sleep(5000);
    });
    assertEquals(Verdict.FAIL, r.verdict());
    assertTrue(rules(r).contains("timeout"), rules(r));
    assertTrue(r.nanos() < 5L * TIMEOUT * 1_000_000L + 2_000_000_000L, "bounded by the budget: " + r.nanos());
  }

  @Test
  void aPingFloodEndsBounded() throws Exception {
    ScenarioResult r = against(out -> {
      out.write(FrameReader.CLIENT_PREFACE.toArray());
      out.write(FrameWriter.write(new Frame.Settings(0, 0, java.util.List.of())));
      byte[] ping = FrameWriter.write(Frame.Ping.of(Bytes.ascii("floodfld"), false));
      long end = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < end) out.write(ping);
    });
    assertEquals(Verdict.FAIL, r.verdict(), r.toString());
    assertTrue(r.nanos() < 5L * TIMEOUT * 1_000_000L + 3_000_000_000L, "bounded: " + r.nanos() + " " + rules(r));
  }
}
