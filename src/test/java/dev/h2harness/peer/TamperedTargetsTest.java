package dev.h2harness.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import dev.h2harness.scenario.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** A target that lies in one known way is caught, by the right rule, at the right octet. */
class TamperedTargetsTest {
  private static ScenarioResult run(String request, BiFunction<byte[], Long, byte[]> rewrite) throws Exception {
    return run(request, () -> { }, rewrite);
  }

  /**
   * Runs one control scenario against a tampered target. The runner opens more than one connection
   * (a probe first, then the scenario's own), so a rewrite that keeps state resets it on each.
   */
  private static ScenarioResult run(String request, Runnable resetPerConnection,
                                    BiFunction<byte[], Long, byte[]> rewrite) throws Exception {
    Scenario s = new ScenarioLoader("/", "localhost").load("t.yaml",
        "id: t\ntitle: t\ncovers: t\ncontrol: true\nsteps:\n  - request: " + request + "\n  - wait: 1\n");
    return new ScenarioRunner(() -> {
      resetPerConnection.run();
      return new TamperingTransport(rewrite);
    }, 1000, false).run(s);
  }

  private static Finding only(ScenarioResult r, String rule) {
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    List<Finding> found = r.findings().stream().filter(f -> f.rule().id().equals(rule)).toList();
    assertEquals(1, found.size(), r.findings().toString());
    return found.get(0);
  }

  private static boolean isData(byte[] f, int stream) {
    FrameHeader h = FrameHeader.parse(f, 0);
    return h.type() == FrameType.DATA.code && h.streamId() == stream;
  }

  @Test
  void nonZeroPaddingOctetIsNamedAtItsOffset() throws Exception {
    long[] at = {-1};
    ScenarioResult r = run("{stream: 1, body: 10, pad: 20}", () -> at[0] = -1, (f, off) -> {
      if (isData(f, 1) && at[0] < 0 && f.length > 12) {
        f[f.length - 3] = 0x07;
        at[0] = off + f.length - 3;
      }
      return f;
    });
    Finding nz = only(r, "data.padding.nonzero");
    assertEquals(at[0], nz.offset());
    assertEquals(1, nz.stream());
    assertTrue(nz.actual().contains("07"), nz.actual());
  }

  @Test
  void padLengthEqualToThePayloadIsNamedAtThePadLengthOctet() throws Exception {
    long[] at = {-1};
    ScenarioResult r = run("{stream: 1, body: 10, pad: 20}", () -> at[0] = -1, (f, off) -> {
      if (isData(f, 1) && at[0] < 0 && f.length > 9) {
        f[9] = (byte) FrameHeader.parse(f, 0).length();
        at[0] = off + 9;
      }
      return f;
    });
    assertEquals(at[0], only(r, "data.padding.length").offset());
  }

  @Test
  void dataBeforeTheStreamsHeadersIsAStreamStateFinding() throws Exception {
    byte[][] held = {null};
    long[] dataAt = {-1};
    ScenarioResult r = run("{stream: 1, body: 100}", () -> {
      held[0] = null;
      dataAt[0] = -1;
    }, (f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (h.type() == FrameType.HEADERS.code && h.streamId() == 1 && held[0] == null) {
        held[0] = f;
        return new byte[0];
      }
      if (isData(f, 1) && held[0] != null && dataAt[0] < 0) {
        dataAt[0] = off;
        byte[] both = Arrays.copyOf(f, f.length + held[0].length);
        System.arraycopy(held[0], 0, both, f.length, held[0].length);
        return both;
      }
      return f;
    });
    Finding state = r.findings().stream().filter(x -> x.rule().id().equals("stream.state")).findFirst().orElseThrow();
    assertEquals(dataAt[0], state.offset());
  }

  @Test
  void framingThatDiffersFromTheReferenceSessionIsDataFraming() throws Exception {
    ScenarioResult r = run("{stream: 1, body: 20000}", (f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (isData(f, 1) && h.length() == 16384) {
        // Split a correct 16384-octet frame in two: still legal HTTP/2, not what nghttp2 writes.
        byte[] a = new FrameHeader(8192, 0, 0, 1).toBytes();
        byte[] b = new FrameHeader(8192, 0, h.flags(), 1).toBytes();
        byte[] out = new byte[9 + 8192 + 9 + 8192];
        System.arraycopy(a, 0, out, 0, 9);
        System.arraycopy(f, 9, out, 9, 8192);
        System.arraycopy(b, 0, out, 9 + 8192, 9);
        System.arraycopy(f, 9 + 8192, out, 18 + 8192, 8192);
        return out;
      }
      return f;
    });
    Finding framing = only(r, "data.framing");
    assertEquals("DATA length=16384 padlen=0", framing.expected());
    assertEquals("DATA length=8192 padlen=0", framing.actual());
  }

  @Test
  void wrongResetCodeAfterTemporalFailureIsSendDataOutcome() throws Exception {
    ScenarioResult r = run("{stream: 1, body: 1000, send-data: [temporal-failure]}", (f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (h.type() == FrameType.RST_STREAM.code) f[12] = (byte) ErrorCode.CANCEL.code;
      return f;
    });
    Finding outcome = only(r, "send-data.outcome");
    assertEquals("RST_STREAM INTERNAL_ERROR", outcome.expected());
    assertEquals("RST_STREAM CANCEL", outcome.actual());
  }

  @Test
  void aWouldblockRetryAfterANewReadIsCaughtInTheCallLog() throws Exception {
    ScenarioResult r = run("{stream: 1, body: 1000, send-data: [wouldblock, ok]}", logRewrite("\"seq\":2,", "\"reads\":1", "\"reads\":2"));
    Finding f = only(r, "send-data.outcome");
    assertTrue(f.message().contains("read callback ran again"), f.message());
  }

  @Test
  void sendGoingOnAfterPauseIsCaughtInTheCallLog() throws Exception {
    ScenarioResult r = run("{stream: 1, body: 40000, send-data: [pause, ok]}", (f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (h.type() != FrameType.DATA.code || h.streamId() != 3) return f;
      String json = new String(f, 9, f.length - 9, StandardCharsets.ISO_8859_1);
      // Make call 2 claim the same send() call as the PAUSE call 1, keeping the length.
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sendCall\":(\\d+)").matcher(json);
      List<String> calls = new ArrayList<>();
      while (m.find()) calls.add(m.group(1));
      String first = calls.get(0);
      String second = calls.get(1);
      if (first.length() != second.length()) return f;
      int idx = json.indexOf("\"sendCall\":" + second, json.indexOf("\"seq\":2,"));
      String patched = json.substring(0, idx) + "\"sendCall\":" + first + json.substring(idx + 11 + second.length());
      byte[] p = patched.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(p, 0, f, 9, p.length);
      return f;
    });
    Finding f = only(r, "send-data.outcome");
    assertTrue(f.message().contains("PAUSE"), f.message());
  }

  /** Replaces {@code from} by {@code to} after {@code anchor} in the call-log response (stream 3). */
  private static BiFunction<byte[], Long, byte[]> logRewrite(String anchor, String from, String to) {
    return (f, off) -> {
      FrameHeader h = FrameHeader.parse(f, 0);
      if (h.type() != FrameType.DATA.code || h.streamId() != 3 || Flags.has(h.flags(), Flags.PADDED)) return f;
      String json = new String(f, 9, f.length - 9, StandardCharsets.ISO_8859_1);
      int idx = json.indexOf(from, json.indexOf(anchor));
      String patched = json.substring(0, idx) + to + json.substring(idx + from.length());
      byte[] p = patched.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(p, 0, f, 9, p.length);
      return f;
    };
  }
}
