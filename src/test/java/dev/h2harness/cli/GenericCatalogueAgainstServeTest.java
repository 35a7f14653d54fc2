package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A correct server never fails the generic catalogue on timing: {@code serve --root} (a separate
 * process, as users run it) with bodies of 0 octets, 20 KB and 1 MiB, over h2c and over TLS, while
 * the scenarios run eight at a time.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GenericCatalogueAgainstServeTest {
  @TempDir static Path root;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void genericCataloguePassesForEveryBodySize(boolean tls) throws Exception {
    Random rnd = new Random(9);
    for (var file : List.of(new Object[] {"empty.bin", 0}, new Object[] {"20k.bin", 20_000},
        new Object[] {"1m.bin", 1 << 20})) {
      byte[] body = new byte[(int) file[1]];
      rnd.nextBytes(body);
      Files.write(root.resolve((String) file[0]), body);
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", Path.of("target", "classes") + File.pathSeparator
        + System.getProperty("java.class.path"), "dev.h2harness.cli.Main", "serve", "--port", "0", "--root", root.toString()));
    if (tls) cmd.add("--tls");
    Process serve = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("h2harness serve: listening on "), String.valueOf(first));
      String url = first.substring("h2harness serve: listening on ".length()).trim().replaceAll("/$", "");
      // A server process that has just started may take seconds for its first answer on a busy
      // machine (class loading, JIT): one warm-up run with a long timeout, before the default one.
      CliRun warm = CliRun.of("check", "--target", url + "/20k.bin", "--only", "generic/plain-get", "--insecure",
          "--timeout", "30");
      assertEquals(0, warm.code(), warm.out() + warm.err());
      for (String path : List.of("/empty.bin", "/20k.bin", "/1m.bin")) {
        CliRun r = CliRun.of("check", "--target", url + path, "--only", "generic/", "--insecure");
        assertEquals(0, r.code(), path + " over " + (tls ? "TLS" : "h2c") + ":\n" + r.out() + r.err());
        assertTrue(r.out().startsWith("h2harness check: " + url + path), r.out());
        assertTrue(r.out().matches("(?s).*\\n(\\d+) scenarios: \\1 passed, 0 failed.*"), r.out());
      }
    } finally {
      serve.destroy();
      if (!serve.waitFor(15, TimeUnit.SECONDS)) serve.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }
}
