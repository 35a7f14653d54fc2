package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The malformed-body scenarios against a server that answers a request as soon as its HEADERS
 * arrive and its window allows (Go's static handler does not read the body): the scenarios stall
 * the response, so the rest of the request reaches an open stream and is judged there, instead of
 * landing on a closed stream (RST_STREAM(STREAM_CLOSED)) depending on timing.
 */
class EarlyAnswerTest {
  private static final int TIMEOUT = 1000;

  private static HostileServer.Behaviour answeringEarly() {
    return MiniH2.reading(FrameWriter.write(Frame.Settings.of()), () -> new MiniH2.OnFrame() {
      long window = SettingsParameter.DEFAULT_WINDOW;
      boolean answered;
      boolean ended;
      boolean reset;

      @Override public boolean frame(Socket sock, OutputStream out, FrameHeader h, Frame f) throws IOException {
        int type = h.type();
        int stream = h.streamId();
        if (f instanceof Frame.Settings settings) {
          if (!settings.isAck()) window = MiniH2.setting(settings, SettingsParameter.INITIAL_WINDOW_SIZE).orElse(window);
        } else if (reset) {
          // RFC 9113 §5.1: frames after its own RST_STREAM are ignored.
        } else if ((type == FrameType.HEADERS.code || type == FrameType.DATA.code) && ended) {
          out.write(FrameWriter.write(new Frame.RstStream(0, stream, ErrorCode.STREAM_CLOSED.code)));
          reset = true;
        } else if (type == FrameType.HEADERS.code && !answered) {
          answered = true;
          out.write(MiniH2.headers(stream, 200, false));
          if (window > 0) {
            out.write(FrameWriter.write(Frame.Data.of(stream, Bytes.wrap(new byte[] {1}), true)));
            ended = true;
          }
        } else if (type == FrameType.DATA.code || type == FrameType.HEADERS.code) {
          // The rest of the request on an open stream: judged malformed, as the scenarios make it.
          out.write(FrameWriter.write(new Frame.RstStream(0, stream, ErrorCode.PROTOCOL_ERROR.code)));
          reset = true;
        }
        return true;
      }
    });
  }

  @Test
  void theRestOfAMalformedRequestReachesAnOpenStream() throws Exception {
    for (String id : List.of("rfc9113/8.1.1/content-length-mismatch", "rfc9113/8.1.1/content-length-mismatch-multiple-data",
        "rfc9113/8.1/trailers-with-pseudo-header", "rfc9113/8.1/trailers-with-status",
        "rfc9113/8.1/second-headers-without-end-stream")) {
      String yaml = Files.readString(External.projectRoot().resolve("scenarios/" + id + ".yaml"));
      try (HostileServer t = new HostileServer(answeringEarly())) {
        Scenario s = new ScenarioLoader("/", "localhost").load(id + ".yaml", yaml);
        ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false)
            .run(s);
        assertEquals(Verdict.PASS, r.verdict(), id + ": " + r.reason() + " " + r.findings());
      }
    }
  }
}
