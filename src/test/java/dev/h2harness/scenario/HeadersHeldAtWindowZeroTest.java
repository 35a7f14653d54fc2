package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
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
 * The scenarios that stall a response with SETTINGS_INITIAL_WINDOW_SIZE 0 pass against a server
 * that holds the response HEADERS until it may send DATA too, as Apache's mod_http2 does at times:
 * flow control covers DATA only, but nothing in RFC 9113 makes a server send HEADERS first.
 */
class HeadersHeldAtWindowZeroTest {
  private static final int TIMEOUT = 1000;

  /** Answers with HEADERS and one octet of DATA only once the stream's window opens. */
  private static HostileServer.Behaviour holdingHeaders() {
    return MiniH2.reading(FrameWriter.write(Frame.Settings.of()), () -> new MiniH2.OnFrame() {
      int pending;

      @Override public boolean frame(Socket sock, OutputStream out, FrameHeader h, Frame f) throws IOException {
        boolean opens = false;
        if (h.type() == FrameType.HEADERS.code) {
          pending = h.streamId();
        } else if (f instanceof Frame.Settings settings && !settings.isAck()) {
          opens = MiniH2.setting(settings, SettingsParameter.INITIAL_WINDOW_SIZE).orElse(0) > 0;
        } else if (h.type() == FrameType.WINDOW_UPDATE.code && h.streamId() != 0) {
          opens = true;
        }
        if (opens && pending > 0) {
          out.write(MiniH2.headers(pending, 200, false));
          out.write(FrameWriter.write(Frame.Data.of(pending, Bytes.wrap(new byte[] {1}), true)));
          pending = 0;
        }
        return true;
      }
    });
  }

  @Test
  void theStalledStreamScenariosDoNotWaitForHeaders() throws Exception {
    for (String id : List.of("rfc9113/6.9.2/initial-window-raised-mid-stream", "rfc9113/6.5.3/settings-ack-while-stream-blocked",
        "rfc9113/5.1/priority-half-closed-remote", "rfc9113/5.1/window-update-half-closed-remote")) {
      String yaml = Files.readString(External.projectRoot().resolve("scenarios/" + id + ".yaml"));
      try (HostileServer t = new HostileServer(holdingHeaders())) {
        Scenario s = new ScenarioLoader("/", "localhost").load(id + ".yaml", yaml);
        ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false)
            .run(s);
        assertEquals(Verdict.PASS, r.verdict(), id + ": " + r.reason() + " " + r.findings());
      }
    }
  }
}
