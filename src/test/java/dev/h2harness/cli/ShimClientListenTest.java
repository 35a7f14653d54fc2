package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.shim.ShimProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The libnghttp2 shim in client mode ({@code h2h-nghttp2-shim client URL}, contract §5) under
 * {@code listen}: the whole client catalogue passes, every control scenario compared frame by frame
 * and call by call with the reference client.
 */
@Timeout(300)
class ShimClientListenTest {
  @Test
  void theShimClientPassesTheClientCatalogue() throws Exception {
    Path shim = ShimProcess.build();
    CliRun r = CliRun.of("listen", "--client-cmd", shim + " client {url}");
    assertEquals(0, r.code(), r.out() + r.err());
    Matcher m = Pattern.compile("(\\d+) scenarios: (\\d+) passed, 0 failed, (\\d+) not applicable, 0 errors").matcher(r.out());
    assertTrue(m.find(), r.out());
    long control = Pattern.compile("^  ✔ client/control/", Pattern.MULTILINE).matcher(r.out()).results().count();
    assertTrue(control >= 25, "control scenarios passed: " + control + "\n" + r.out());
  }

  @Test
  void aMalformedControlParameterIsExitTwoAndOneLine() throws Exception {
    Path shim = ShimProcess.build();
    Process p = new ProcessBuilder(shim.toString(), "client", "http://127.0.0.1:9/h2h/client/x?h2h-body=10&h2h-colour=red")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    assertEquals("h2h-nghttp2-shim client: unknown control parameter h2h-colour", err.strip());
  }
}
