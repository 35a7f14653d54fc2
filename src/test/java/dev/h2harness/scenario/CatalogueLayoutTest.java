package dev.h2harness.scenario;

import static dev.h2harness.frame.SettingsParameter.DEFAULT_WINDOW;
import static dev.h2harness.frame.SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.DataFrameSummary;
import dev.h2harness.check.StreamView;
import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.peer.Capture;
import dev.h2harness.peer.InMemoryTransport;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.ScriptedPeer;
import dev.h2harness.session.NgError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's DATA layout from the in-memory reference session against an independent
 * prediction from the contract's arithmetic (§1.2 read limit, §1.3 padding, §1.4 padlen, §1.6
 * END_STREAM and the empty EOF frame), so that the oracle is checked against something other than
 * itself. Predicted are the scenarios with one control stream, a plain request-then-wait script,
 * no send-data return that drops or fails a frame, and windows that the body never exhausts.
 */
class CatalogueLayoutTest {
  /** One DATA frame as a frame log shows it: header length, padlen, END_STREAM. */
  private record Shape(int length, int padlen, boolean endStream) {}

  /** Contract §1: the frames a body of {@code c} produces, or null when a window would run out. */
  static List<Shape> predict(ControlHeaders c, long streamWindow, long connectionWindow, long maxFrameSize) {
    List<Shape> out = new ArrayList<>();
    long left = c.body();
    for (;;) {
      long maxLength = Math.min(Math.min(16384, streamWindow), Math.min(connectionWindow, maxFrameSize));
      if (maxLength <= 0) return null;
      long length = Math.min(maxLength, left);
      if (c.chunk() > 0) length = Math.min(length, c.chunk());
      left -= length;
      boolean eof = left == 0;
      int padlen = 0;
      if (c.pad() >= 0 && length < maxLength) {
        long maxPadded = Math.min(maxLength, length + 256);
        long v = c.pad() == ControlHeaders.PAD_MAX ? maxPadded : Math.min(maxPadded, length + c.pad());
        padlen = (int) (v - length);
      }
      boolean end = eof && !c.trailers();
      if (!(length + padlen == 0 && eof && c.trailers())) {
        out.add(new Shape((int) (length + padlen), padlen, end));
      }
      streamWindow -= length + padlen;
      connectionWindow -= length + padlen;
      if (eof) return out;
    }
  }

  private static boolean predictable(Scenario s, ControlHeaders c) {
    boolean plain = s.steps().size() == 2 && s.steps().get(0) instanceof PeerStep.Request
        && !(s.steps().get(1) instanceof PeerStep.Request);
    boolean framesUnchanged = c.sendData().stream()
        .noneMatch(o -> o.isFatal() || o.returned() == NgError.TEMPORAL_CALLBACK_FAILURE);
    return plain && framesUnchanged && s.controlStreams().size() == 1;
  }

  private static long setting(Scenario s, SettingsParameter p) {
    return s.settings().stream().filter(x -> x.parameter() == p).mapToLong(Setting::value).reduce((a, b) -> b)
        .orElse(p.initialValue);
  }

  @Test
  void theReferenceLaysOutEveryPredictableScenarioAsTheContractSays() throws Exception {
    int predicted = 0;
    List<String> mismatches = new ArrayList<>();
    for (Scenario s : CatalogueTest.catalogue()) {
      if (!s.control()) continue;
      PeerStep.Request r = (PeerStep.Request) s.steps().stream().filter(x -> x instanceof PeerStep.Request).findFirst()
          .orElseThrow();
      ControlHeaders c = r.control().orElse(null);
      if (c == null || !predictable(s, c)) continue;
      List<Shape> want = predict(c, setting(s, SettingsParameter.INITIAL_WINDOW_SIZE), SettingsParameter.DEFAULT_WINDOW,
          setting(s, SettingsParameter.MAX_FRAME_SIZE));
      if (want == null) continue;
      ConnectionModel model = new ConnectionModel(true);
      List<PeerStep> steps = new ArrayList<>();
      steps.add(new PeerStep.Settings(s.settings()));
      steps.addAll(s.steps());
      new ScriptedPeer(new InMemoryTransport(-1), model, new Capture(1 << 20), 2000, s.flow()).run(s.preface(), steps);
      model.finish();
      StreamView v = model.stream(r.streamId());
      List<Shape> got = new ArrayList<>();
      for (DataFrameSummary d : v.dataFrames()) {
        got.add(new Shape(d.length(), d.padlen(), Flags.has(d.flags(), Flags.END_STREAM)));
      }
      if (!want.equals(got)) mismatches.add(s.id() + ": predicted " + want + ", the reference sent " + got);
      predicted++;
    }
    assertEquals(List.of(), mismatches);
    System.out.println("CatalogueLayoutTest: " + predicted + " control scenarios predicted independently");
    assertTrue(predicted >= 20, "only " + predicted + " scenarios were predictable");
  }

  @Test
  void thePredictionFollowsTheContractsWorkedCases() {
    // contract §1.3: no room for padding when the read fills maxLength; §1.4: padlen 1 is the
    // Pad Length octet alone.
    assertEquals(List.of(new Shape(16384, 0, false), new Shape(16384, 0, false), new Shape(2, 1, true)),
        predict(new ControlHeaders(32769, 0, 1, List.<SendDataOutcome>of(), false), 1 << 20, 1 << 20, DEFAULT_MAX_FRAME_SIZE));
    // contract §1.6: trailers after an empty body send no DATA; with padding, one padded empty frame.
    assertEquals(List.of(), predict(new ControlHeaders(0, 0, -1, List.of(), true), DEFAULT_WINDOW, DEFAULT_WINDOW, DEFAULT_MAX_FRAME_SIZE));
    assertEquals(List.of(new Shape(256, 256, false)),
        predict(new ControlHeaders(0, 0, ControlHeaders.PAD_MAX, List.of(), true), DEFAULT_WINDOW, DEFAULT_WINDOW, DEFAULT_MAX_FRAME_SIZE));
    // A window of 100 caps the padded payload too (contract §1.2, §1.5); then the window is gone.
    assertEquals(null, predict(new ControlHeaders(1000, 0, ControlHeaders.PAD_MAX, List.of(), false), 100, DEFAULT_WINDOW, DEFAULT_MAX_FRAME_SIZE));
  }
}
