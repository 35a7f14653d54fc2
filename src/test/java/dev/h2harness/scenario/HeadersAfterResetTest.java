package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
    return MiniH2.reading(FrameWriter.write(Frame.Settings.of()), () -> new MiniH2.OnFrame() {
      int headers;

      @Override public boolean frame(Socket sock, OutputStream out, FrameHeader h, Frame f) throws IOException {
        if (h.type() != FrameType.HEADERS.code || ++headers < 2) return true;
        out.write(FrameWriter.write(new Frame.GoAway(0, 0, h.streamId(), code.code, Bytes.EMPTY)));
        out.flush();
        sock.shutdownOutput();
        sock.getInputStream().transferTo(OutputStream.nullOutputStream());
        return false;
      }
    });
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
