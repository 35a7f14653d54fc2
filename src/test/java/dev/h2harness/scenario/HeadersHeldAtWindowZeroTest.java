package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
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
 * The scenarios that stall a response with SETTINGS_INITIAL_WINDOW_SIZE 0 pass against a server
 * that holds the response HEADERS until it may send DATA too, as Apache's mod_http2 does at times:
 * flow control covers DATA only, but nothing in RFC 9113 makes a server send HEADERS first.
 */
class HeadersHeldAtWindowZeroTest {
  private static final int TIMEOUT = 1000;

  /** Answers with HEADERS and one octet of DATA only once the stream's window opens. */
  private static HostileServer.Behaviour holdingHeaders() {
    return s -> {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(FrameWriter.write(Frame.Settings.of()));
      out.flush();
      in.readNBytes(24);
      int pending = 0;
      while (true) {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) return;
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int type = h[3] & 0xff;
        boolean ack = (h[4] & 1) != 0;
        int stream = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        byte[] p = in.readNBytes(length);
        boolean opens = false;
        if (type == FrameType.HEADERS.code) {
          pending = stream;
        } else if (type == FrameType.SETTINGS.code && !ack) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
          for (int i = 0; i + 6 <= p.length; i += 6) {
            int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            long value = ((p[i + 2] & 0xffL) << 24) | ((p[i + 3] & 0xff) << 16) | ((p[i + 4] & 0xff) << 8) | (p[i + 5] & 0xff);
            if (id == SettingsParameter.INITIAL_WINDOW_SIZE.id && value > 0) opens = true;
          }
        } else if (type == FrameType.PING.code && !ack) {
          out.write(FrameWriter.write(Frame.Ping.of(Bytes.wrap(p), true)));
        } else if (type == FrameType.WINDOW_UPDATE.code && stream != 0) {
          opens = true;
        }
        if (opens && pending > 0) {
          out.write(MiniH2.headers(pending, 200, false));
          out.write(FrameWriter.write(Frame.Data.of(pending, Bytes.wrap(new byte[] {1}), true)));
          pending = 0;
        }
        out.flush();
      }
    };
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
