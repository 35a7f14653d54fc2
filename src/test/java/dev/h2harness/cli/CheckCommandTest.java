package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes of {@code check} (README: exit codes) and one-line errors for user mistakes. */
class CheckCommandTest {
  @TempDir Path dir;



  @Test
  void embeddedReferenceServerPassesAndExitsZero() throws Exception {
    Path junit = dir.resolve("r.xml");
    CliRun o = CliRun.of("check", "--only", "padding/", "--only", "send-data-outcomes/", "--junit", junit.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("✔ padding/pad-max-small-window"), o.out());
    assertTrue(o.out().matches("(?s).*\\d+ scenarios: \\d+ passed, 0 failed, 0 not applicable, 0 errors.*"), o.out());
    assertTrue(Files.readString(junit).contains("<testcase classname=\"h2harness.padding\""));
  }

  @Test
  void badOptionIsUsageErrorTwo() {
    CliRun o = CliRun.of("check", "--timeout", "soon");
    assertEquals(2, o.code());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  @Test
  void badTargetUrlIsUsageErrorTwo() {
    CliRun o = CliRun.of("check", "--target", "ftp://example");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("--target: use http://HOST:PORT"), o.err());
  }

  @Test
  void badScenarioFileIsUsageErrorTwoNamingFileAndLine() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "id: x\ntitle: t\ncovers: c\nsteps:\n  - wait: soon\n");
    CliRun o = CliRun.of("check", "--scenarios", bad.toString());
    assertEquals(2, o.code());
    assertEquals("h2harness check: " + bad + ":5: steps.wait: expected an integer: \"soon\"", o.err().strip());
  }

  @Test
  void unreachableTargetIsThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CliRun o = CliRun.of("check", "--target", "http://127.0.0.1:" + port, "--timeout", "0.5");
    assertEquals(3, o.code());
    assertTrue(o.err().startsWith("h2harness check: cannot run against http://127.0.0.1:" + port), o.err());
    assertEquals(1, o.err().strip().lines().count());
  }

  @Test
  void failingScenarioExitsOne() throws Exception {
    Path s = dir.resolve("s.yaml");
    Files.writeString(s, "id: x\ntitle: t\ncovers: c\nsteps:\n  - request: {stream: 1}\n  - wait: 1\n"
        + "expect:\n  streams:\n    1: {status: 418}\n");
    CliRun o = CliRun.of("check", "--scenarios", s.toString());
    assertEquals(1, o.code(), o.out());
    assertTrue(o.out().contains("× x: t"), o.out());
    assertTrue(o.out().contains("expected :status 418, got :status 200"), o.out());
  }

  @Test
  void pathWithoutSlashIsAUsageErrorBeforeAnythingRuns() {
    CliRun o = CliRun.of("check", "--path", "big.txt");
    assertEquals(2, o.code());
    assertEquals("h2harness check: --path \"big.txt\" must start with / (did you mean /big.txt?)", o.err().strip());
    assertEquals("", o.out());
  }

  @Test
  void pathInTargetIsTheGenericPathAndADifferentPathIsAConflict() {
    CliRun o = CliRun.of("check", "--target", "http://127.0.0.1:1/a", "--path", "/b");
    assertEquals(2, o.code());
    assertEquals("h2harness check: --path /b conflicts with the path /a in --target: give the path once", o.err().strip());
    CliRun same = CliRun.of("check", "--target", "http://127.0.0.1:1/a", "--path", "/a");
    assertEquals(3, same.code(), same.err());
    assertTrue(same.err().startsWith("h2harness check: cannot run against http://127.0.0.1:1/a: "), same.err());
  }

  @Test
  void timeoutZeroNamesTheRange() {
    CliRun o = CliRun.of("check", "--timeout", "0");
    assertEquals(2, o.code());
    assertEquals("h2harness check: --timeout must be more than 0 and at most 3600 seconds: 0", o.err().strip());
  }

  @Test
  void unwritableReportIsFoundBeforeTheRun() {
    Path json = dir.resolve("no-such-dir").resolve("r.json");
    CliRun o = CliRun.of("check", "--json", json.toString());
    assertEquals(2, o.code());
    assertEquals("h2harness check: cannot write " + json + ": no directory " + json.getParent(), o.err().strip());
    assertEquals("", o.out());
    CliRun junit = CliRun.of("check", "--junit", dir.toString());
    assertEquals(2, junit.code());
    assertTrue(junit.err().contains("it is a directory"), junit.err());
  }

  @Test
  void onlyTakesAnExactIdAPrefixOrAGlob() {
    CliRun exact = CliRun.of("check", "--only", "generic/window-1");
    assertEquals(0, exact.code(), exact.err());
    assertTrue(exact.out().contains("1 scenarios: 1 passed"), exact.out());
    CliRun glob = CliRun.of("check", "--only", "generic/window-1*");
    assertTrue(glob.out().contains("generic/window-100") && glob.out().contains("generic/window-16383"), glob.out());
    CliRun none = CliRun.of("check", "--only", "generic/window");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("--only generic/window matches no scenario"), none.err());
  }

  @Test
  void non2xxOnTheGenericPathCouldNotRun() {
    CliRun o = CliRun.of("check", "--path", "/missing");
    assertEquals(3, o.code(), o.out());
    assertTrue(o.err().strip().endsWith("/missing: GET /missing answered 404"), o.err());
    assertEquals(1, o.err().strip().lines().count());
  }

  @Test
  void thePathIsPartOfTheTargetInEveryReport() throws Exception {
    Path json = dir.resolve("r.json");
    Path junit = dir.resolve("r.xml");
    CliRun o = CliRun.of("check", "--only", "generic/plain-get", "--path", "/index.html", "--json", json.toString(),
        "--junit", junit.toString());
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().lines().findFirst().orElseThrow().matches("h2harness check: http://127.0.0.1:\\d+/index.html .*"), o.out());
    assertTrue(Files.readString(json).matches("(?s).*\"path\" ?: ?\"/index.html\".*"), Files.readString(json));
    assertTrue(Files.readString(junit).contains("<property name=\"path\" value=\"/index.html\""), Files.readString(junit));
  }

  @Test
  void untrustedCertificateSuggestsInsecureAndPlainHttpOnATlsPortSuggestsHttps() throws Exception {
    try (var server = dev.h2harness.server.ReferenceServer.start(dev.h2harness.server.ServerOptions.defaults().withTls())) {
      String url = server.url();
      CliRun o = CliRun.of("check", "--target", url);
      assertEquals(3, o.code(), o.out());
      assertEquals(1, o.err().strip().lines().count(), o.err());
      assertTrue(o.err().contains("the certificate is not trusted") && o.err().strip().endsWith("use --insecure to accept it"),
          o.err());
      CliRun plain = CliRun.of("check", "--target", url.replace("https://", "http://"), "--timeout", "1");
      assertEquals(3, plain.code(), plain.out());
      assertEquals(1, plain.err().strip().lines().count(), plain.err());
      assertTrue(plain.err().contains("try https://"), plain.err());
      CliRun insecure = CliRun.of("check", "--target", url, "--insecure", "--only", "generic/plain-get");
      assertEquals(0, insecure.code(), insecure.out() + insecure.err());
    }
  }

  @Test
  void tlsPortThatNeverAnswersIsExitThreeWithinTheTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      long began = System.nanoTime();
      CliRun o = CliRun.of("check", "--target", "https://127.0.0.1:" + silent.getLocalPort(), "--timeout", "0.5");
      long millis = (System.nanoTime() - began) / 1_000_000;
      assertEquals(3, o.code(), o.out());
      assertEquals("h2harness check: cannot run against https://127.0.0.1:" + silent.getLocalPort()
          + "/: no TLS handshake answer from 127.0.0.1:" + silent.getLocalPort() + " within 500 ms", o.err().strip());
      assertTrue(millis < 1500, millis + " ms");
    }
  }
}
