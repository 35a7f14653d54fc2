package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Targets that react to a malformed request more weakly than RFC 9113 requires: each weaker
 * reaction is a named failure, and a lenient pass only under --lenient, never a silent pass.
 */
class OutcomeVerdictTest {
  private static final int TIMEOUT = 500;
  private static final byte[] SETTINGS = FrameWriter.write(Frame.Settings.of());

  /** An uppercase field name: RFC 9113 §8.2.1, a malformed request. */
  private static final String MALFORMED = """
      id: rfc9113/8.2.1/t
      title: t
      requirement: "A field name MUST NOT contain uppercase characters."
      steps:
        - headers: {stream: 1, add: [[X-Upper, "1"]]}
      outcomes:
        - stream-error: PROTOCOL_ERROR
        - connection-error: PROTOCOL_ERROR
      """;

  private static ScenarioResult run(MiniH2.OnRequest target, boolean lenient) throws Exception {
    try (HostileServer t = new HostileServer(MiniH2.serving(SETTINGS, target))) {
      Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml", MALFORMED);
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false)
          .lenient(lenient);
      return runner.run(s);
    }
  }

  private static MiniH2.OnRequest goAwayThen(boolean close) {
    return (out, stream) -> {
      out.write(FrameWriter.write(new Frame.GoAway(0, 0, stream, ErrorCode.PROTOCOL_ERROR.code, Bytes.EMPTY)));
      out.flush();
      if (close) throw new IOException("closing after GOAWAY");
    };
  }

  private static MiniH2.OnRequest reset(ErrorCode code) {
    return (out, stream) -> out.write(FrameWriter.write(new Frame.RstStream(0, stream, code.code)));
  }

  private static String rules(ScenarioResult r) {
    return String.join(",", r.findings().stream().map(f -> f.rule().id()).toList());
  }

  @Test
  void goAwayAndCloseIsAPass() throws Exception {
    ScenarioResult r = run(goAwayThen(true), false);
    assertEquals(Verdict.PASS, r.verdict(), r.findings().toString());
  }

  @Test
  void resetWithTheRequiredCodeIsAPass() throws Exception {
    ScenarioResult r = run(reset(ErrorCode.PROTOCOL_ERROR), false);
    assertEquals(Verdict.PASS, r.verdict(), r.findings().toString());
  }

  @Test
  void goAwayWithoutTheCloseIsANamedFailure() throws Exception {
    ScenarioResult r = run(goAwayThen(false), false);
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(ScenarioRules.CONNECTION_CLOSE_AFTER_GOAWAY.id(), rules(r));
    assertTrue(r.findings().get(0).message().contains("actual open (RFC 9113 §5.4.1)"), r.findings().get(0).message());
  }

  @Test
  void goAwayWithoutTheCloseIsOnlyLenientUnderLenient() throws Exception {
    ScenarioResult r = run(goAwayThen(false), true);
    assertEquals(Verdict.LENIENT, r.verdict());
    assertTrue(r.reason().startsWith("lenient: expected the connection closed"), r.reason());
    assertEquals(ScenarioRules.CONNECTION_CLOSE_AFTER_GOAWAY.id(), rules(r));
  }

  @Test
  void anotherResetCodeIsANamedFailureOrLenient() throws Exception {
    ScenarioResult strict = run(reset(ErrorCode.INTERNAL_ERROR), false);
    assertEquals(Verdict.FAIL, strict.verdict());
    assertEquals(ScenarioRules.OUTCOME_ERROR_CODE.id(), rules(strict));
    assertTrue(strict.findings().get(0).actual().equals("RST_STREAM(INTERNAL_ERROR)"), strict.findings().get(0).actual());
    assertEquals(Verdict.LENIENT, run(reset(ErrorCode.INTERNAL_ERROR), true).verdict());
  }

  @Test
  void servingTheMalformedRequestFailsEvenUnderLenient() throws Exception {
    MiniH2.OnRequest serve = (out, stream) -> out.write(MiniH2.headers(stream, 200, true));
    for (boolean lenient : List.of(false, true)) {
      ScenarioResult r = run(serve, lenient);
      assertEquals(Verdict.FAIL, r.verdict());
      assertEquals(ScenarioRules.OUTCOME_NONE.id(), rules(r));
      assertTrue(r.findings().get(0).actual().contains(":status 200"), r.findings().get(0).actual());
    }
  }

  @Test
  void silenceIsANamedFailureWithinTheTimeout() throws Exception {
    long began = System.nanoTime();
    ScenarioResult r = run((out, stream) -> { }, true);
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(ScenarioRules.OUTCOME_NONE.id(), rules(r));
    assertTrue(r.findings().get(0).actual().contains("connection open"), r.findings().get(0).actual());
    assertTrue(System.nanoTime() - began < 10_000_000_000L, "bounded by the timeout");
  }
}
