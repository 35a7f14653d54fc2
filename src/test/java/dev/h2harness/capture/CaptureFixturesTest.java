package dev.h2harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.check.Finding;
import dev.h2harness.replay.Replayer;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Real captures of real stacks (fixtures/captures, recorded by record.sh with dumpcap on the
 * loopback interface) replayed through the rules, so that they stay tested on real octets where
 * those stacks are absent: pcapng over Ethernet, classic pcap, Linux cooked capture.
 */
class CaptureFixturesTest {
  private static Path fixture(String name) {
    return External.projectRoot().resolve("fixtures/captures").resolve(name);
  }

  private static ScenarioResult replay(String name, boolean targetIsServer) throws Exception {
    Recording r = TcpReassembler.reassemble(PcapReader.read(Files.readAllBytes(fixture(name))), targetIsServer, name);
    return Replayer.check(r, Replayer.scenarioFor(name, name));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "nghttp-1.52.0_vs_h2harness-serve.pcapng, 4, 'DATA[PADDED] stream=13 len=10007 data=10000 padlen=7'",
      "curl-7.88.1_vs_h2harness-serve.pcap, 2, 'DATA[END_STREAM|PADDED] stream=1 len=3872 data=3616 padlen=256'",
      "nghttp-1.52.0_vs_nghttpd-1.52.0.pcapng, 2, 'DATA[END_STREAM|PADDED] stream=13 len=13632 data=13616 padlen=16'"})
  void bothSidesOfARealConnectionPass(String name, int dataFrames, String expectedLine) throws Exception {
    ScenarioResult server = replay(name, true);
    assertEquals(Verdict.PASS, server.verdict(), server.findings().toString());
    List<String> data = server.frameLog().stream().filter(l -> l.startsWith("<<") && l.contains(" DATA[")).toList();
    assertEquals(dataFrames, data.size(), String.join("\n", server.frameLog()));
    assertTrue(data.stream().anyMatch(l -> l.endsWith(expectedLine)), String.join("\n", data));
    assertTrue(server.frameLog().get(0).startsWith(">> 000000000 - PREFACE"), "the client's preface comes first");
    ScenarioResult client = replay(name, false);
    assertEquals(Verdict.PASS, client.verdict(), client.findings().toString());
    assertTrue(client.frameLog().get(0).startsWith("<< 000000000 - PREFACE"), "judged as the client: its preface");
  }

  /**
   * One capture per real client stack (client-STACK-VERSION-WIRE-request-complete.pcapng, written by
   * the interop matrix under listen, TLS as the plaintext the listener saw): judged as the client,
   * with the scenario it names applied, each replays to the verdict it had live, a pass.
   */
  @Test
  void everyClientStackCaptureReplaysToItsRecordedPass() throws Exception {
    List<Path> files;
    try (var s = Files.list(External.projectRoot().resolve("fixtures/captures"))) {
      files = s.filter(f -> f.getFileName().toString().startsWith("client-")).sorted().toList();
    }
    for (String stack : List.of("curl", "nghttp", "node-client", "okhttp", "jdk-httpclient",
        "go-client", "jetty-client")) {
      assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().matches("client-" + stack + "-[0-9].*")),
          "a capture of " + stack + " in " + files);
    }
    Scenario named = Catalogue.builtIn(new ScenarioLoader("/", "localhost"), true).stream()
        .filter(x -> x.id().equals("client/generic/request-complete")).findFirst().orElseThrow();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      assertTrue(PcapReader.sectionComments(bytes).stream().anyMatch(c -> c.endsWith("client/generic/request-complete")),
          f + " names its scenario: " + PcapReader.sectionComments(bytes));
      Recording r = TcpReassembler.reassemble(PcapReader.read(bytes), false, f.toString());
      ScenarioResult client = Replayer.check(r, named, true, 2000);
      String log = String.join("\n", client.frameLog());
      assertEquals(Verdict.PASS, client.verdict(), f + ": " + client.findings() + "\n" + log);
      assertTrue(client.frameLog().stream().anyMatch(l -> l.startsWith("<< 000000000 - PREFACE")),
          f + ": judged as the client: its preface\n" + log);
      assertTrue(client.frameLog().stream().anyMatch(l -> l.startsWith("<<") && l.contains(" DATA[END_STREAM")),
          f + ": the client's upload ends\n" + log);
    }
  }

  @Test
  void aTamperedRunReplaysToTheSameFindingAtTheSameOffset() throws Exception {
    RecordedRuns.Recorded live = RecordedRuns.failing();
    Finding liveFinding = live.result().findings().stream().filter(f -> f.rule().id().equals("data.padding.nonzero"))
        .findFirst().orElseThrow();
    Recording back = TcpReassembler.reassemble(PcapReader.read(PcapngWriter.toBytes(live.recording())), true, "x");
    ScenarioResult replayed = Replayer.check(back, Replayer.scenarioFor("x", "x"));
    assertEquals(Verdict.FAIL, replayed.verdict());
    Finding again = replayed.findings().stream().filter(f -> f.rule().id().equals("data.padding.nonzero")).findFirst().orElseThrow();
    assertEquals(liveFinding.offset(), again.offset());
    assertEquals(liveFinding.stream(), again.stream());
    assertEquals(liveFinding.frame(), again.frame());
    assertEquals(liveFinding.actual(), again.actual());
  }
}
