package dev.h2harness.shim;

import dev.h2harness.frame.SettingsParameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.check.Rules;
import dev.h2harness.fuzz.Campaign;
import dev.h2harness.fuzz.FuzzCase;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.peer.TcpTransport;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import dev.h2harness.shim.ShimProcess.Shim;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tests can fail: the Rust shim with a planted fault (H2H_SHIM_FAULT=padding-nonzero makes the
 * first padding octet of each padded DATA frame 0x01) is caught by data.padding.nonzero at that
 * octet's offset, while the same case passes against the shim without the fault.
 */
class RustShimFaultTest {
  /** One stream: 1000 octets in one DATA frame with 7 octets of padding (Pad Length octet + 6 zeros). */
  private static final FuzzCase PADDED = new FuzzCase(SettingsParameter.DEFAULT_WINDOW, SettingsParameter.DEFAULT_MAX_FRAME_SIZE, SettingsParameter.DEFAULT_WINDOW,
      List.of(new ControlHeaders(1000, 0, 7, List.of(), false)));
  /** A frame-log line from the target: {@code << OFFSET #INDEX DATA[FLAGS] stream=1 len=L data=N padlen=P}. */
  private static final Pattern DATA_LINE =
      Pattern.compile("^<< (\\d+) #(\\d+) DATA\\[[A-Z_|]*\\] stream=1 len=\\d+ data=(\\d+) padlen=(\\d+)");

  private static ScenarioResult run(Map<String, String> env) throws Exception {
    try (ShimProcess shim = ShimProcess.start(Shim.RUST, env)) {
      ScenarioRunner runner = new ScenarioRunner(() -> TcpTransport.connect("127.0.0.1", shim.port(), 2000), 2000, true);
      return new Campaign(runner, null).run(PADDED, "fault/padding-nonzero");
    }
  }

  @Test
  void theSameCasePassesWithoutTheFault() throws Exception {
    ScenarioResult r = run(Map.of());
    assertEquals(Verdict.PASS, r.verdict(), r.reason() + " " + r.findings());
  }

  @Test
  void aNonZeroPaddingOctetIsCaughtAtItsOffset() throws Exception {
    ScenarioResult r = run(Map.of("H2H_SHIM_FAULT", "padding-nonzero"));
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    List<Finding> padding = r.findings().stream().filter(f -> f.rule() == Rules.DATA_PADDING_NONZERO).toList();
    assertEquals(1, padding.size(), "one padded DATA frame, one finding: " + r.findings());
    Finding f = padding.get(0);
    // Where the first padding octet is, computed from the frame log: frame start + 9 (header) +
    // 1 (Pad Length) + the data octets.
    Matcher m = r.frameLog().stream().map(DATA_LINE::matcher).filter(Matcher::find).findFirst()
        .orElseThrow(() -> new AssertionError("no padded DATA frame in the frame log: " + r.frameLog()));
    assertEquals("7", m.group(4));
    long expected = Long.parseLong(m.group(1)) + 9 + 1 + Long.parseLong(m.group(3));
    assertEquals(expected, f.offset(), f.toString());
    assertEquals(Integer.parseInt(m.group(2)), f.frame());
    assertEquals(1, f.stream());
    assertEquals("0x01", f.actual());
    assertTrue(f.message().contains("padding octet 1 of 6"), f.message());
  }
}
