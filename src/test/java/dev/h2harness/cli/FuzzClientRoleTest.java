package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.shim.ShimProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code fuzz --role client}: generated uploads through a client command, compared with the reference client. */
@Timeout(300)
class FuzzClientRoleTest {
  @Test
  void theShimClientMatchesTheReferenceClient() throws Exception {
    Path shim = ShimProcess.build();
    CliRun r = CliRun.of("fuzz", "--role", "client", "--client-cmd", shim + " client {url}", "--tries", "40", "--seed", "3");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("fuzz: 40 tries, all matched"), r.out());
  }

  @Test
  void aClientThatIgnoresTheControlsIsAMismatchShrunkToAClientScenario() {
    dev.h2harness.External.require("curl", "curl as a client that ignores the control parameters");
    // A plain GET does not cooperate: every try is not applicable, which a campaign counts as a mismatch.
    CliRun r = CliRun.of("fuzz", "--role", "client", "--client-cmd", "curl -sS --http2-prior-knowledge -o /dev/null {url}",
        "--tries", "5", "--seed", "1");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("role: client") && r.out().contains("upload: {body: "), r.out());
  }

  @Test
  void usageMistakesExitTwo() {
    assertEquals(2, CliRun.of("fuzz", "--role", "client").code());
    assertEquals(2, CliRun.of("fuzz", "--role", "client", "--client-cmd", "x").code());
    assertEquals(2, CliRun.of("fuzz", "--role", "peer", "--client-cmd", "x {url}").code());
    assertEquals(2, CliRun.of("fuzz").code());
  }
}
