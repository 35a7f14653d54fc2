package dev.h2harness.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.frame.FrameType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a run ended is read from its type: the kind of failure, not the words of its message. */
class PeerResultTest {
  private static PeerResult ended(PeerResult.Outcome outcome, StepFailure failure) {
    return new PeerResult(outcome, 0, Optional.of(failure), Map.of(), 0);
  }

  @Test
  void notApplicableIsReadFromTheTypeWhileTheConnectionIsOpen() {
    PeerResult na = ended(PeerResult.Outcome.EXPECTATION, new StepFailure.NotApplicable("no limit"));
    assertEquals(Optional.of("no limit"), na.notApplicable());
    assertEquals("not applicable: no limit", na.detail());
    // A message that merely reads like one is an expectation that failed.
    PeerResult lookalike = ended(PeerResult.Outcome.EXPECTATION, new StepFailure.ExpectationFailed("not applicable: x"));
    assertEquals(Optional.empty(), lookalike.notApplicable());
    // Once the target has closed the connection, that is how the run ended.
    assertEquals(Optional.empty(), ended(PeerResult.Outcome.CLOSED, new StepFailure.NotApplicable("x")).notApplicable());
  }

  @Test
  void keptOpenIsItsOwnKind() {
    assertTrue(ended(PeerResult.Outcome.EXPECTATION, new StepFailure.KeptOpen("the target kept it open")).keptOpen());
    assertFalse(ended(PeerResult.Outcome.EXPECTATION, new StepFailure.ExpectationFailed("the target kept it open"))
        .keptOpen());
    assertEquals("", PeerResult.completed(3, Map.of(), 0).detail());
  }

  @Test
  void eachFailureNamesTheOutcomeOfAnOpenConnection() {
    assertEquals(PeerResult.Outcome.TIMEOUT, new StepFailure.Idle("x").outcome());
    assertEquals(PeerResult.Outcome.BUDGET, new StepFailure.BudgetSpent("x").outcome());
    assertEquals(PeerResult.Outcome.EXPECTATION, new StepFailure.NotApplicable("x").outcome());
    assertEquals(PeerResult.Outcome.CLOSED, new StepFailure.TargetClosed("x").outcome());
  }

  @Test
  void aSilentTargetEndsAWaitAsIdleWithTheWaitsMessage() {
    // The target answers nothing: an in-memory transport that never has bytes.
    Transport silent = new Transport() {
      @Override public int read(byte[] buf, int waitMillis) {
        return 0;
      }

      @Override public void write(byte[] b, int off, int len) {}

      @Override public boolean synchronous() {
        return true;
      }

      @Override public String describe() {
        return "silent";
      }

      @Override public void close() {}
    };
    PeerResult r = new ScriptedPeer(silent, new ConnectionModel(true), new Capture(0), 100, FlowPolicy.manual())
        .run(true, List.of(new PeerStep.Settings(List.of()), new PeerStep.WaitFrame(FrameType.PING.code, -1)));
    assertEquals(PeerResult.Outcome.TIMEOUT, r.outcome());
    assertTrue(r.failure().orElseThrow() instanceof StepFailure.Idle, r.toString());
    assertEquals("nothing more arrives while the peer waits for a PING", r.detail());
    assertEquals(1, r.step());
  }
}
