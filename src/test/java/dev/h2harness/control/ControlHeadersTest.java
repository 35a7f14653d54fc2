package dev.h2harness.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.NgError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** contract §4 parsing: what a cooperating target accepts, and the one-line 400 reasons. */
class ControlHeadersTest {
  private static ControlHeaders parse(String... nameValues) throws ControlHeaderException {
    List<HeaderField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) fields.add(HeaderField.of(nameValues[i], nameValues[i + 1]));
    return ControlHeaders.parse(fields);
  }

  private static String reason(String... nameValues) {
    return assertThrows(ControlHeaderException.class, () -> parse(nameValues)).getMessage();
  }

  @Test
  void onlyCallbackFailureAndUnnamedValuesAreFatal() throws Exception {
    // contract §2 table: 0, WOULDBLOCK, PAUSE and TEMPORAL_CALLBACK_FAILURE keep the connection.
    for (String kept : new String[] {"ok", "0", "wouldblock", "pause", "temporal-failure", "-504", "-526", "-521"}) {
      assertFalse(SendDataOutcome.parse(kept).isFatal(), kept);
    }
    for (String fatal : new String[] {"callback-failure", "-902", "-1", "1", "-505", "2147483647"}) {
      assertTrue(SendDataOutcome.parse(fatal).isFatal(), fatal);
    }
    assertTrue(parse("h2h-body", "1", "h2h-send-data", "ok,pause,-7").endsConnection());
    assertFalse(parse("h2h-body", "1", "h2h-send-data", "ok,pause,wouldblock,temporal-failure").endsConnection());
  }

  @Test
  void readsEveryHeaderAndRoundTripsThroughFields() throws Exception {
    ControlHeaders c = parse("h2h-body", "1000", "h2h-chunk", "7", "h2h-pad", "max",
        "h2h-send-data", "wouldblock, pause,temporal-failure,callback-failure,-1,0", "h2h-trailers", "yes");
    assertEquals(1000, c.body());
    assertEquals(7, c.chunk());
    assertEquals(ControlHeaders.PAD_MAX, c.pad());
    assertEquals(List.of(NgError.WOULDBLOCK, NgError.PAUSE, NgError.TEMPORAL_CALLBACK_FAILURE,
        NgError.CALLBACK_FAILURE, -1, 0), c.sendData().stream().map(SendDataOutcome::returned).toList());
    assertEquals(List.of(false, true, false, false, false, true),
        c.sendData().stream().map(SendDataOutcome::writes).toList(), "only ok (0) and pause write the frame");
    assertEquals(c, ControlHeaders.parse(c.toFields()));
    assertNull(parse("accept", "*/*"), "no control headers: an ordinary request");
  }

  @Test
  void mistakesAreOneLineReasons() {
    assertEquals("unknown control header h2h-bogus", reason("h2h-body", "1", "h2h-bogus", "x"));
    assertEquals("h2h-body: not a non-negative integer: \"abc\"", reason("h2h-body", "abc"));
    assertEquals("h2h-body: 2199023255553 is above 1099511627776", reason("h2h-body", "2199023255553"));
    assertEquals("h2h-chunk: must be at least 1: \"0\"", reason("h2h-body", "1", "h2h-chunk", "0"));
    assertEquals("control headers without h2h-body", reason("h2h-pad", "3"));
    assertEquals("h2h-body: given twice", reason("h2h-body", "1", "h2h-body", "2"));
    assertEquals("h2h-send-data: \"maybe\" is not ok, wouldblock, pause, temporal-failure, callback-failure or an integer",
        reason("h2h-body", "1", "h2h-send-data", "ok,maybe"));
  }
}
