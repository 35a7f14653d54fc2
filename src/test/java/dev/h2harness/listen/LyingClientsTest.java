package dev.h2harness.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.Finding;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.FrameType;
import dev.h2harness.peer.InMemoryClientTransport;
import dev.h2harness.peer.TamperingTransport;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Clients that lie, built from the reference client with its frames rewritten: each lie is caught
 * with its rule and the offset of the offending octet in the client's byte stream.
 */
class LyingClientsTest {
  private final ListenRunner runner = new ListenRunner(2000, false);

  private static Scenario scenario(String id) throws Exception {
    return ReferenceClientCatalogueTest.clientCatalogue().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private ScenarioResult judge(String id, BiFunction<byte[], Long, byte[]> rewrite) throws Exception {
    Scenario s = scenario(id);
    return runner.judge(s, new TamperingTransport(new InMemoryClientTransport(s.clientPath()), true, rewrite), "");
  }

  private static boolean isData(byte[] f, int stream) {
    return f[3] == FrameType.DATA.code && ((f[5] & 0x7f) << 24 | (f[6] & 0xff) << 16 | (f[7] & 0xff) << 8 | (f[8] & 0xff)) == stream;
  }

  private static Finding only(ScenarioResult r, String rule) {
    assertEquals(Verdict.FAIL, r.verdict(), r.toString());
    return r.findings().stream().filter(f -> f.rule().id().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " finding in " + r.findings()));
  }

  @Test
  void nonZeroPaddingIsCaughtAtItsOctet() throws Exception {
    AtomicLong at = new AtomicLong(-1);
    ScenarioResult r = judge("client/control/pad-255-small-body", (f, off) -> {
      if (isData(f, 1) && (f[4] & Flags.PADDED) != 0 && at.get() < 0) {
        f = f.clone();
        f[f.length - 2] = 0x07; // the stale-buffer leak: a padding octet that is not zero
        at.set(off + f.length - 2);
      }
      return f;
    });
    Finding f = only(r, "data.padding.nonzero");
    assertEquals(at.get(), f.offset());
    assertEquals(1, f.stream());
  }

  @Test
  void windowOverrunIsCaught() throws Exception {
    AtomicLong at = new AtomicLong(-1);
    java.util.concurrent.atomic.AtomicBoolean acked = new java.util.concurrent.atomic.AtomicBoolean();
    // After the client's first flight it has ACKed the stream window of 100: each DATA frame then
    // fills the window the harness gives back; a copy of the first such frame overruns it.
    ScenarioResult r = judge("client/control/pad-max-small-window", (f, off) -> {
      if (f[3] == FrameType.SETTINGS.code && (f[4] & Flags.ACK) != 0) acked.set(true);
      if (acked.get() && isData(f, 1) && at.get() < 0) {
        at.set(off + f.length);
        return concat(f, f);
      }
      return f;
    });
    Finding f = only(r, "flow.window");
    assertEquals(at.get(), f.offset());
  }

  @Test
  void dataBeforeHeadersIsCaught() throws Exception {
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    AtomicLong at = new AtomicLong(-1);
    ScenarioResult r = judge("client/control/body-1", (f, off) -> {
      if (f[3] == FrameType.HEADERS.code && f[8] == 1 && held.size() == 0 && at.get() < 0) {
        held.writeBytes(f);
        return new byte[0];
      }
      if (isData(f, 1) && held.size() > 0) {
        at.set(off);
        byte[] h = held.toByteArray();
        held.reset();
        return concat(f, h);
      }
      return f;
    });
    Finding f = only(r, "stream.state");
    assertEquals(at.get(), f.offset());
    assertTrue(f.message().contains("idle"), f.message());
  }

  @Test
  void duplicatedFrameAfterWouldblockIsCaught() throws Exception {
    AtomicLong at = new AtomicLong(-1);
    // wouldblock-then-ok: the first DATA frame is the retried one; writing it twice repeats body octets.
    ScenarioResult r = judge("client/control/wouldblock-then-ok", (f, off) -> {
      if (isData(f, 1) && at.get() < 0) {
        at.set(off + f.length);
        return concat(f, f);
      }
      return f;
    });
    Finding body = only(r, "body.integrity");
    assertEquals(at.get() + 9, body.offset(), "the first repeated body octet, after the copy's frame header");
    only(r, "data.framing");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
