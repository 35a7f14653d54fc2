package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.TcpTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * rfc9113/4.2/data-too-large sends one octet more than the SETTINGS_MAX_FRAME_SIZE the target
 * announced, as RFC 9113 §4.2 measures it: Go's server announces 1 MiB, and a 16,385-octet DATA
 * frame is legal there.
 */
class OversizedDataTest {
  private static final int TIMEOUT = 1000;

  /** Announces {@code max}, acknowledges SETTINGS and PING, records DATA lengths, resets with FRAME_SIZE_ERROR. */
  private static HostileServer.Behaviour target(long max, List<Integer> dataLengths) {
    return s -> {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.MAX_FRAME_SIZE.id, max))));
      out.flush();
      in.readNBytes(24);
      while (true) {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) return;
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int type = h[3] & 0xff;
        boolean ack = (h[4] & 1) != 0;
        int stream = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        byte[] payload = in.readNBytes(length);
        if (type == FrameType.SETTINGS.code && !ack) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
        } else if (type == FrameType.PING.code && !ack) {
          out.write(FrameWriter.write(Frame.Ping.of(Bytes.wrap(payload), true)));
        } else if (type == FrameType.DATA.code) {
          dataLengths.add(length);
          out.write(FrameWriter.write(new Frame.RstStream(0, stream, ErrorCode.FRAME_SIZE_ERROR.code)));
        }
        out.flush();
      }
    };
  }

  private static Verdict run(long max, List<Integer> dataLengths) throws Exception {
    String yaml = Files.readString(External.projectRoot().resolve("scenarios/rfc9113/4.2/data-too-large.yaml"));
    try (HostileServer t = new HostileServer(target(max, dataLengths))) {
      Scenario s = new ScenarioLoader("/", "localhost").load("data-too-large.yaml", yaml);
      ScenarioResult r = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", t.port(), TIMEOUT), TIMEOUT, false)
          .run(s);
      return r.verdict();
    }
  }

  @Test
  void theDataFrameIsOneOctetOverTheAnnouncedMaximum() throws Exception {
    List<Integer> lengths = new CopyOnWriteArrayList<>();
    assertEquals(Verdict.PASS, run(1 << 20, lengths));
    assertEquals(List.of((1 << 20) + 1), lengths);
  }

  @Test
  void theProtocolMinimumMeans16385Octets() throws Exception {
    List<Integer> lengths = new CopyOnWriteArrayList<>();
    assertEquals(Verdict.PASS, run(16_384, lengths));
    assertEquals(List.of(16_385), lengths);
  }

  @Test
  void aTargetAnnouncingTheLargestLengthIsNotApplicable() throws Exception {
    List<Integer> lengths = new CopyOnWriteArrayList<>();
    assertEquals(Verdict.NOT_APPLICABLE, run(0xffffff, lengths));
    assertTrue(lengths.isEmpty(), lengths.toString());
  }
}
