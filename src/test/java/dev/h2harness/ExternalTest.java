package dev.h2harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalTest {
  private static final String MISSING = "h2harness-no-such-program";

  @Test
  void findsProgramsOnThePath() {
    assertNotNull(External.find("sh"));
    assertNull(External.find(MISSING));
  }

  @Test
  void aMissingProgramSkipsWithItsReasonOrFailsWhenRequired() {
    String before = System.getProperty(External.REQUIRE_PROPERTY);
    try {
      System.setProperty(External.REQUIRE_PROPERTY, "false");
      TestAbortedException skip = assertThrows(TestAbortedException.class, () -> External.require(MISSING, "to test"));
      assertTrue(skip.getMessage().contains(MISSING + " is not installed (not on PATH): to test"), skip.getMessage());
      System.setProperty(External.REQUIRE_PROPERTY, "true");
      AssertionFailedError fail = assertThrows(AssertionFailedError.class, () -> External.require(MISSING, "to test"));
      assertTrue(fail.getMessage().contains("to test"), fail.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(External.REQUIRE_PROPERTY);
      } else {
        System.setProperty(External.REQUIRE_PROPERTY, before);
      }
    }
  }

  @Test
  void runCapturesOutputAndStatus() {
    External.Result r = External.run(List.of("sh", "-c", "printf out; printf err >&2; exit 3"), Duration.ofSeconds(30));
    assertEquals(3, r.exit());
    assertEquals("out", r.out());
    assertEquals("err", r.stderr());
  }
}
