package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code serve}'s answers to user mistakes: one line on stderr and an exit status, never a stack trace. */
class ServeCommandTest {
  @TempDir Path dir;



  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--port 70000|h2harness: --port 70000: not in 0..65535|2",
      "--port abc|h2harness: Invalid value for option '--port': 'abc' is not an int|2",
      "--pad x|h2harness: --pad x: expected a number of octets or max|2",
      "--cert c.pem --key k.pem|h2harness: --cert and --key need --tls|2",
      "--tls --cert c.pem|h2harness: --cert and --key go together|2",
      "--file-send splice|h2harness: --file-send splice: expected map or transfer-to|2",
      "--reset-rate 1000|h2harness: --reset-rate 1000: expected BURST/PER_SECOND, e.g. 1000/33|2",
      "--flood-rate 0/5|h2harness: --flood-rate 0/5: the burst must be at least 1|2",
      "--settings-timeout 0|h2harness: --settings-timeout must be at least 1 second|2",
      "--max-header-list-size 100|h2harness: --max-header-list-size must be at least 1024|2",
      "--max-connections-per-ip 0|h2harness: --max-connections-per-ip must be at least 1|2",
      "--bind no.such.host.invalid|h2harness serve: cannot listen on no.such.host.invalid: unknown address|1",
      "--root DIR/missing|h2harness serve: --root DIR/missing: no such directory|1",
      "--tls --cert DIR/c.pem --key DIR/k.pem|h2harness serve: cannot read certificate file DIR/c.pem: no such file|1",
  })
  void aUserMistakeIsOneLineAndAnExitStatus(String args, String message, int status) {
    CliRun r = CliRun.of(("serve " + args.replace("DIR", dir.toString())).split(" "));
    assertEquals(status, Integer.parseInt(String.valueOf(r.code())), r.err());
    assertEquals(message.replace("DIR", dir.toString()) + "\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aPortInUseIsOneLine() throws Exception {
    try (ReferenceServer taken = ReferenceServer.start(ServerOptions.defaults())) {
      CliRun r = CliRun.of("serve", "--port", Integer.toString(taken.port()));
      assertNotEquals("0", String.valueOf(r.code()));
      assertTrue(r.err().startsWith("h2harness serve: cannot listen on 127.0.0.1:" + taken.port() + ": "), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void anUnreadableCertificateIsOneLine() throws Exception {
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Files.writeString(cert, "not a certificate\n");
    Files.writeString(key, "");
    CliRun r = CliRun.of("serve", "--tls", "--cert", cert.toString(), "--key", key.toString());
    assertEquals("1", String.valueOf(r.code()));
    assertEquals("h2harness serve: certificate " + cert + ": no PEM CERTIFICATE block\n", r.err());
  }
}
