package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import java.io.InputStream;
import java.io.OutputStream;
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
    return s -> {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(FrameWriter.write(Frame.Settings.of()));
      out.flush();
      in.readNBytes(24);
      long window = 65_535;
      boolean answered = false;
      boolean ended = false;
      boolean reset = false;
      while (true) {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) return;
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int type = h[3] & 0xff;
        boolean ack = (h[4] & 1) != 0;
        int stream = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        byte[] p = in.readNBytes(length);
        if (type == FrameType.SETTINGS.code && !ack) {
          for (int i = 0; i + 6 <= p.length; i += 6) {
            int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            if (id == SettingsParameter.INITIAL_WINDOW_SIZE.id) {
              window = ((p[i + 2] & 0xffL) << 24) | ((p[i + 3] & 0xff) << 16) | ((p[i + 4] & 0xff) << 8) | (p[i + 5] & 0xff);
            }
          }
          out.write(FrameWriter.write(Frame.Settings.ack()));
        } else if (type == FrameType.PING.code && !ack) {
          out.write(FrameWriter.write(Frame.Ping.of(Bytes.wrap(p), true)));
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
        out.flush();
      }
    };
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
