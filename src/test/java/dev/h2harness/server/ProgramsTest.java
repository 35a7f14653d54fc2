package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The helpers the external-client tests stand on: finding a program, skipping without it, running it. */
class ProgramsTest {
  private static final String MISSING = "h2harness-no-such-program";

  @Test
  void aMissingProgramSkipsWithItsReasonOrFailsWhenRequired() {
    assertNotNull(External.find("sh"));
    assertNull(External.find(MISSING));
    Throwable t = assertThrows(Throwable.class, () -> External.require(MISSING, "to test the helper"));
    assertTrue(t.getMessage().contains(MISSING) && t.getMessage().contains("to test the helper"), t.getMessage());
    assertEquals(External.REQUIRED ? AssertionFailedError.class : TestAbortedException.class, t.getClass());
  }

  @Test
  void runCapturesOutputAndStatus() {
    Programs.Result r = Programs.run(List.of("sh", "-c", "printf out; printf err >&2; exit 3"), Duration.ofSeconds(30));
    assertEquals(3, r.exit());
    assertEquals("out", r.out());
    assertEquals("err", r.stderr());
  }
}
