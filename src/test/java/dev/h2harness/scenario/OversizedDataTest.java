package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.HostileServer;
import dev.h2harness.peer.MiniH2;
import dev.h2harness.peer.TcpTransport;
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
    byte[] settings = FrameWriter.write(Frame.Settings.of(new Setting(SettingsParameter.MAX_FRAME_SIZE.id, max)));
    return MiniH2.reading(settings, () -> (sock, out, h, f) -> {
      if (h.type() == FrameType.DATA.code) {
        dataLengths.add(h.length());
        out.write(FrameWriter.write(new Frame.RstStream(0, h.streamId(), ErrorCode.FRAME_SIZE_ERROR.code)));
      }
      return true;
    });
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
