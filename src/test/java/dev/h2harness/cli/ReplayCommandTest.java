package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  @TempDir Path dir;

  @Test
  void checkWithPcapThenReplayGivesTheSameVerdictsAndAnHtmlReport() throws Exception {
    Path pcaps = dir.resolve("pcap");
    CliRun live = CliRun.of("check", "--only", "padding/", "--pcap", pcaps.toString(), "--json", dir.resolve("live.json").toString(),
        "--html", dir.resolve("live-html").toString());
    assertEquals(0, live.code(), live.err());
    assertTrue(Files.isRegularFile(pcaps.resolve("padding/pad-1-small-body.pcapng")), "named by scenario id");
    assertTrue(Files.isRegularFile(dir.resolve("live-html/scenarios/padding/pad-1-small-body.html")));
    CliRun replay = CliRun.of("replay", pcaps.toString(), "--json", dir.resolve("replay.json").toString(),
        "--junit", dir.resolve("replay.xml").toString(), "--html", dir.resolve("replay-html").toString());
    assertEquals(0, replay.code(), replay.err() + replay.out());
    Map<String, String> a = statuses(dir.resolve("live.json"));
    Map<String, String> b = statuses(dir.resolve("replay.json"));
    assertTrue(a.size() >= 5, a.toString());
    assertEquals(a, b);
    assertTrue(Files.readString(dir.resolve("replay-html/index.html")).contains("padding/pad-1-small-body"));
    assertTrue(Files.size(dir.resolve("replay.xml")) > 0);
  }

  private static Map<String, String> statuses(Path json) throws Exception {
    Map<String, String> m = new HashMap<>();
    for (JsonNode s : new ObjectMapper().readTree(json.toFile()).get("scenarios")) {
      m.put(s.get("id").asText(), s.get("status").asText());
    }
    return m;
  }

  @Test
  void theRealFixturesReplayAsServerAndAsClient() throws Exception {
    Path folder = External.projectRoot().resolve("fixtures/captures");
    long captures;
    try (var files = Files.list(folder)) {
      captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).count();
    }
    String fixtures = folder.toString();
    CliRun server = CliRun.of("replay", fixtures);
    assertEquals(0, server.code(), server.err() + server.out());
    assertTrue(server.out().contains(captures + " scenarios: " + captures + " passed"), server.out());
    // As the client, only the captures of real clients: the interop captures' client is the harness,
    // which breaks rules on purpose in some scenarios (DATA on stream 0).
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("server-")
          && f.toString().matches(".*\\.pcap(ng)?")).toList()) {
        CliRun client = CliRun.of("replay", "--role", "client", f.toString());
        assertEquals(0, client.code(), client.err() + client.out());
      }
    }
  }

  @Test
  void aListenCaptureReplaysAsTheClientAgainstTheScenarioItNames() throws Exception {
    Path okhttp = External.projectRoot().resolve("fixtures/captures/client-okhttp-5.3.2-h2c-request-complete.pcapng");
    CliRun client = CliRun.of("replay", "--role", "client", okhttp.toString());
    assertEquals(0, client.code(), client.err() + client.out());
    assertTrue(client.out().contains("A request completes and is answered"), "the named client scenario: " + client.out());
    // As the server, a client scenario's expectations are about the other side: the rules alone judge.
    CliRun server = CliRun.of("replay", okhttp.toString());
    assertEquals(0, server.code(), server.err() + server.out());
    assertTrue(server.out().contains("replay of"), server.out());
  }

  @Test
  void aBrokenCaptureIsOneLineWithFileAndOffsetAndExitTwo() throws Exception {
    Path good = External.projectRoot().resolve("fixtures/captures/nghttp-1.52.0_vs_h2harness-serve.pcapng");
    byte[] b = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, java.util.Arrays.copyOf(b, 500));
    CliRun r = CliRun.of("replay", cut.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().matches("h2harness replay: .*cut\\.pcapng at byte \\d+: .+\\R"), r.err());
    Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture");
    CliRun t = CliRun.of("replay", text.toString());
    assertEquals(2, t.code());
    assertTrue(t.err().contains("notes.pcap at byte 0: not a pcap or pcapng file"), t.err());
    assertEquals(2, CliRun.of("replay", dir.resolve("missing.pcapng").toString()).code());
    assertEquals(2, CliRun.of("replay", "--role", "proxy", good.toString()).code());
  }

  @Test
  void aTlsRunIsWrittenAsThePlaintextTheHarnessSaw() throws Exception {
    Path file = dir.resolve("tls.pcapng");
    try (var server = dev.h2harness.server.ReferenceServer.start(dev.h2harness.server.ServerOptions.defaults().withTls())) {
      CliRun live = CliRun.of("check", "--target", server.url(), "--insecure", "--only", "padding/pad-1-small-body",
          "--pcap", file.toString());
      assertEquals(0, live.code(), live.err() + live.out());
    }
    var rec = dev.h2harness.capture.TcpReassembler.reassemble(
        dev.h2harness.capture.PcapReader.read(Files.readAllBytes(file)), true, "tls");
    byte[] peer = rec.bytes(dev.h2harness.check.Direction.TO_TARGET);
    assertEquals("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", new String(peer, 0, 24, java.nio.charset.StandardCharsets.US_ASCII));
    CliRun replay = CliRun.of("replay", file.toString());
    assertEquals(0, replay.code(), replay.err() + replay.out());
  }

  @Test
  void aCaptureNamingAControlScenarioReplaysAgainstItsOracle() throws Exception {
    Path pcaps = dir.resolve("padded");
    // A server that pads every body differs from the reference session on an unpadded scenario.
    try (var server = dev.h2harness.server.ReferenceServer.start(dev.h2harness.server.ServerOptions.defaults().withDefaultPad(7))) {
      CliRun live = CliRun.of("check", "--target", server.url(), "--only", "data-layout/body-100000", "--pcap", pcaps.toString(),
          "--json", dir.resolve("live.json").toString());
      assertEquals(1, live.code(), live.out());
    }
    CliRun replay = CliRun.of("replay", pcaps.toString(), "--json", dir.resolve("replay.json").toString());
    assertEquals(1, replay.code(), replay.out());
    assertTrue(replay.out().contains("data.framing"), replay.out());
    assertEquals(statuses(dir.resolve("live.json")), statuses(dir.resolve("replay.json")));
    // The same octets without the scenario's name: the rules alone find nothing wrong.
    Path file = pcaps.resolve("data-layout/body-100000.pcapng");
    var rec = dev.h2harness.capture.TcpReassembler.reassemble(
        dev.h2harness.capture.PcapReader.read(Files.readAllBytes(file)), true, "x");
    assertEquals(dev.h2harness.scenario.Verdict.PASS, dev.h2harness.replay.Replayer.check(rec,
        dev.h2harness.replay.Replayer.scenarioFor("x", "x")).verdict());
  }

  @Test
  void oneFileForManyScenariosIsAUsageError() {
    CliRun r = CliRun.of("check", "--only", "padding/", "--pcap", dir.resolve("one.pcapng").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("names one file but"), r.err());
  }
}
