package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.frame.FrameType;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * rfc9113/5.1/closed-headers-after-rst-stream: a HEADERS on a stream the client reset also reuses
 * a stream id (RFC 9113 §5.1.1), so GOAWAY(PROTOCOL_ERROR) and the close pass, as nginx and Go
 * answer; another code still fails.
 */
class HeadersAfterResetTest {
  private static final int TIMEOUT = 1000;

  /** On the second HEADERS: GOAWAY({@code code}), then a graceful close (no TCP reset that could eat the GOAWAY). */
  private static HostileServer.Behaviour goAwayOnSecondHeaders(ErrorCode code) {
    return sock -> {
      OutputStream out = sock.getOutputStream();
      InputStream in = sock.getInputStream();
      out.write(FrameWriter.write(Frame.Settings.of()));
      out.flush();
      in.readNBytes(24);
      int headers = 0;
      while (true) {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) return;
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int type = h[3] & 0xff;
        int stream = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        in.readNBytes(length);
        if (type == FrameType.SETTINGS.code && (h[4] & 1) == 0) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
        } else if (type == FrameType.HEADERS.code && ++headers == 2) {
          out.write(FrameWriter.write(new Frame.GoAway(0, 0, stream, code.code, Bytes.EMPTY)));
          out.flush();
          sock.shutdownOutput();
          in.transferTo(OutputStream.nullOutputStream());
          return;
        }
        out.flush();
      }
    };
  }

  private static Verdict run(ErrorCode code) throws Exception {
    String id = "rfc9113/5.1/closed-headers-after-rst-stream";
    String yaml = Files.readString(External.projectRoot().resolve("scenarios/" + id + ".yaml"));
    try (HostileServer t = new HostileServer(goAwayOnSecondHeaders(code))) {
      Scenario s = new ScenarioLoader("/", "localhost").load(id + ".yaml", yaml);
      return new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false).run(s)
          .verdict();
    }
  }

  @Test
  void protocolErrorAndCloseIsAPass() throws Exception {
    assertEquals(Verdict.PASS, run(ErrorCode.PROTOCOL_ERROR));
  }

  @Test
  void anotherCodeFails() throws Exception {
    assertEquals(Verdict.FAIL, run(ErrorCode.INTERNAL_ERROR));
  }
}
