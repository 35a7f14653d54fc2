package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import org.junit.jupiter.api.Test;

/**
 * {@code end: end-stream} against a server that answers a request with a body before reading it
 * (nginx answers a POST to a static file with 405 and END_STREAM, then RST_STREAM(NO_ERROR)):
 * RFC 9113 §8.1 allows the reset after a complete response, and only with NO_ERROR.
 */
class CompleteResponseThenResetTest {
  private static final int TIMEOUT = 500;

  private static final String POST = """
      id: rfc9113/6.1/t
      title: t
      requirement: "DATA frames convey arbitrary, variable-length sequences of octets associated with a stream."
      steps:
        - {headers: {stream: 1, end-stream: false, omit: [":method"], add: [[":method", POST]]}}
        - {frame: {type: DATA, flags: [END_STREAM], stream: 1, payload: "74657374"}}
        - {wait: 1}
      expect: {streams: {1: {end: end-stream}}, connection: open}
      """;

  private static Verdict run(boolean endStream, ErrorCode reset) throws Exception {
    MiniH2.OnRequest answer = (out, stream) -> {
      out.write(MiniH2.headers(stream, 405, endStream));
      out.write(FrameWriter.write(new Frame.RstStream(0, stream, reset.code)));
    };
    try (HostileServer t = new HostileServer(MiniH2.serving(FrameWriter.write(Frame.Settings.of()), answer))) {
      Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml", POST);
      return new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false).run(s)
          .verdict();
    }
  }

  @Test
  void aCompleteResponseThenNoErrorEndedTheStream() throws Exception {
    assertEquals(Verdict.PASS, run(true, ErrorCode.NO_ERROR));
  }

  @Test
  void aResetWithoutACompleteResponseIsAReset() throws Exception {
    assertEquals(Verdict.FAIL, run(false, ErrorCode.NO_ERROR));
  }

  @Test
  void aCompleteResponseThenAnErrorCodeIsAReset() throws Exception {
    assertEquals(Verdict.FAIL, run(true, ErrorCode.CANCEL));
  }
}
