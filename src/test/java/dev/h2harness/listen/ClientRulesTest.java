package dev.h2harness.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.Frame;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-role rules on octets a client sends: each violation with its rule, section and offset. */
class ClientRulesTest {
  private final ListenRunner runner = new ListenRunner(500, false);

  private List<Finding> judge(String id, ScriptedBytesClient client) throws Exception {
    Scenario s = ReferenceClientCatalogueTest.clientCatalogue().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    ScenarioResult r = runner.judge(s, client, "");
    return r.findings();
  }

  private static Finding find(List<Finding> all, String rule) {
    return all.stream().filter(f -> f.rule().id().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " in " + all));
  }

  @Test
  void aWellFormedGetHasNoRuleFinding() throws Exception {
    List<Finding> f = judge("client/generic/request-complete", new ScriptedBytesClient().preface().get(1)
        .frame(new Frame.Settings(1, 0, List.of())));
    assertTrue(f.stream().noneMatch(x -> x.rule().id().equals("request.headers") || x.rule().id().equals("client.streams")
        || x.rule().id().equals("preface.settings")), f.toString());
  }

  @Test
  void connectionSpecificAndUppercaseFieldsAndTeAreCaught() throws Exception {
    for (String[] bad : List.of(new String[] {"connection", "keep-alive"}, new String[] {"te", "gzip"},
        new String[] {"X-Upper", "1"}, new String[] {"transfer-encoding", "chunked"})) {
      ScriptedBytesClient c = new ScriptedBytesClient().preface();
      long at = c.mark();
      Finding f = find(judge("client/generic/request-complete", c.get(1, bad)), "request.headers");
      assertEquals("RFC 9113 §8.2", f.section(), f.toString());
      assertEquals(at, f.offset(), f.toString());
    }
  }

  @Test
  void missingRepeatedAndLatePseudoHeadersAreCaught() throws Exception {
    String[][] cases = {
        {":method", "GET", ":scheme", "http", ":authority", "a"},                       // no :path
        {":method", "GET", ":method", "GET", ":scheme", "http", ":path", "/"},          // repeated
        {":method", "GET", "accept", "*/*", ":scheme", "http", ":path", "/"},          // after a regular field
        {":status", "200", ":method", "GET", ":scheme", "http", ":path", "/"}};        // response pseudo-header
    for (String[] fields : cases) {
      Finding f = find(judge("client/generic/request-complete", new ScriptedBytesClient().preface().headers(1, true, fields)),
          "request.headers");
      assertEquals("RFC 9113 §8.3.1", f.section(), f.toString());
    }
  }

  @Test
  void streamIdsGoingDownAreCaught() throws Exception {
    ScriptedBytesClient c = new ScriptedBytesClient().preface().get(5);
    long at = c.mark();
    Finding f = find(judge("client/generic/request-complete", c.get(3)), "client.streams");
    assertEquals("RFC 9113 §5.1.1", f.section());
    assertEquals(at, f.offset());
  }

  @Test
  void moreStreamsThanMaxConcurrentStreamsAreCaughtOnceTheLimitIsAcknowledged() throws Exception {
    ScriptedBytesClient c = new ScriptedBytesClient().preface().frame(new Frame.Settings(1, 0, List.of()))
        .headers(1, false, ":method", "POST", ":scheme", "http", ":authority", "a", ":path", "/");
    long at = c.mark();
    Finding f = find(judge("client/generic/max-concurrent-streams-1",
        c.headers(3, false, ":method", "POST", ":scheme", "http", ":authority", "a", ":path", "/")), "client.streams");
    assertEquals("RFC 9113 §5.1.2", f.section());
    assertEquals(at, f.offset());
  }

  @Test
  void aFirstFrameOtherThanSettingsIsCaught() throws Exception {
    ScriptedBytesClient c = new ScriptedBytesClient().prefaceOnly()
        .frame(Frame.Ping.of(dev.h2harness.frame.Bytes.ascii("12345678"), false));
    Finding f = find(judge("client/generic/request-complete", c), "preface.settings");
    assertEquals(24, f.offset());
    assertEquals("RFC 9113 §3.4", f.section());
  }
}
