package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code h2harness serve}: as a separate process, and its one-line answers to user mistakes. */
@Timeout(120)
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesAsAProcessAndStopsOnSigterm() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      assertTrue(serve.url().matches("http://127\\.0\\.0\\.1:\\d+/"), serve.url());
      OkHttpClient client = TrustingClients.h2c();
      try (Response r = client.newCall(new Request.Builder().url(serve.url()).build()).execute()) {
        assertEquals(200, r.code());
        assertTrue(r.body().string().contains("h2harness reference server"));
      }
      try (Response r = client.newCall(new Request.Builder().url(serve.url())
          .header("h2h-body", "70000").header("h2h-pad", "max").build()).execute()) {
        H2Probe.assertPattern(70000, r.body().bytes());
      }
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      Process p = serve.process();
      p.destroy(); // SIGTERM: the shutdown hook closes the selector and the sockets
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "serve stopped on SIGTERM");
      assertEquals(143, p.exitValue(), "128 + SIGTERM");
      assertFalse(serve.stderr().contains("Exception"), serve.stderr());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--port 70000|--port 70000: not in 0..65535 (see --help)|2",
      "--port abc|Invalid value for option '--port': 'abc' is not an int (see --help)|2",
      "--pad x|--pad x: expected a number of octets or max (see --help)|2",
      "--cert c.pem --key k.pem|--cert and --key need --tls (see --help)|2",
      "--tls --cert c.pem|--cert and --key go together (see --help)|2",
      "--file-send splice|--file-send splice: expected map or transfer-to (see --help)|2",
      "--bind no.such.host.invalid|cannot listen on no.such.host.invalid: unknown address|1",
      "--root DIR/missing|--root DIR/missing: no such directory|1",
      "--tls --cert DIR/c.pem --key DIR/k.pem|cannot read certificate file DIR/c.pem: no such file|1",
  })
  void aUserMistakeIsOneLineAndAnExitStatus(String args, String message, int status) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.getSubcommands().get("serve").setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    String[] argv = ("serve " + args.replace("DIR", dir.toString())).split(" ");
    int exit = cl.execute(argv);
    assertEquals(status, exit, err.toString());
    assertEquals("h2harness serve: " + message.replace("DIR", dir.toString()) + "\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void aPortInUseIsOneLine() throws Exception {
    try (ReferenceServer taken = ReferenceServer.start(ServerOptions.defaults())) {
      StringWriter err = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.getSubcommands().get("serve").setErr(new PrintWriter(err, true));
      int exit = cl.execute("serve", "--port", Integer.toString(taken.port()));
      assertNotEquals(0, exit);
      assertTrue(err.toString().startsWith("h2harness serve: cannot listen on 127.0.0.1:" + taken.port() + ": "), err.toString());
      assertEquals(1, err.toString().lines().count(), err.toString());
    }
  }

  @Test
  void anUnreadableKeyIsOneLine() throws Exception {
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Files.writeString(cert, "not a certificate\n");
    Files.writeString(key, "");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.getSubcommands().get("serve").setErr(new PrintWriter(err, true));
    int exit = cl.execute("serve", "--tls", "--cert", cert.toString(), "--key", key.toString());
    assertEquals(1, exit);
    assertEquals("h2harness serve: certificate " + cert + ": no PEM CERTIFICATE block\n", err.toString());
  }
}
