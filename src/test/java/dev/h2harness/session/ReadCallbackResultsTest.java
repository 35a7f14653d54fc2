package dev.h2harness.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Frame;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** contract §2, edge cases: what the data source's read callback may return. */
class ReadCallbackResultsTest {
  private final ServerFixture fx = new ServerFixture();

  /** Returns the scripted values, then 10 octets with EOF. */
  private DataSource scripted(Integer... results) {
    ArrayDeque<Integer> script = new ArrayDeque<>(List.of(results));
    return (s, id, buf, off, max, flags) -> {
      if (!script.isEmpty()) return script.poll();
      flags.set(DataFlags.EOF);
      return Math.min(10, max);
    };
  }

  private void respond(DataSource body) {
    fx.start();
    fx.request(1);
    fx.session.submitResponse(1, ServerFixture.okResponse(), body);
  }

  @Test
  void deferredWaitsForResumeData() {
    respond(scripted(NgError.DEFERRED));
    fx.session.send();
    assertTrue(fx.data(1).isEmpty());
    assertTrue(!fx.session.wantWrite(), "a deferred stream is not scheduled");
    assertEquals(0, fx.session.resumeData(1));
    fx.session.send();
    assertEquals(10, fx.body(1).length);
  }

  @Test
  void temporalFailureResetsTheStream() {
    respond(scripted(NgError.TEMPORAL_CALLBACK_FAILURE));
    assertEquals(0, fx.session.send());
    Frame.RstStream rst = fx.frames(Frame.RstStream.class).get(0);
    assertEquals(ErrorCode.INTERNAL_ERROR.code, rst.errorCode());
    assertTrue(fx.data(1).isEmpty());
  }

  @Test
  void pauseReturnsAndTheNextSendReadsAgain() {
    int[] reads = {0};
    DataSource inner = scripted(NgError.PAUSE);
    respond((s, id, buf, off, max, flags) -> {
      reads[0]++;
      return inner.read(s, id, buf, off, max, flags);
    });
    assertEquals(0, fx.session.send());
    assertEquals(1, reads[0]);
    assertTrue(fx.data(1).isEmpty());
    assertEquals(0, fx.session.send());
    assertEquals(2, reads[0]);
    assertEquals(10, fx.body(1).length);
  }

  @Test
  void negativeOrTooLongIsFatal() {
    respond(scripted(-1));
    assertEquals(NgError.CALLBACK_FAILURE, fx.session.send());
    ServerFixture other = new ServerFixture();
    other.start();
    other.request(1);
    other.session.submitResponse(1, ServerFixture.okResponse(), (s, id, buf, off, max, flags) -> max + 1);
    assertEquals(NgError.CALLBACK_FAILURE, other.session.send());
  }
}
