package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real HTTP/2 clients uploading under {@code listen --client-cmd}: curl (h2c prior knowledge and
 * TLS), nghttp (plain and with padding), a Node.js http2 client with PADDING_STRATEGY_MAX. Each
 * passes every applicable client scenario, apart from the documented exceptions (README, "listen:
 * interop notes"). Skipped with the reason when a program is missing; failed under
 * {@code -Dh2harness.requireExternal=true}.
 */
@Timeout(600)
class ListenClientsTest {
  /**
   * curl 7.88.1 sometimes stops uploading after a complete early response that is not followed by
   * RST_STREAM(NO_ERROR), and then neither ends nor resets the stream (README interop notes): a
   * timeout there is the client's, not a flaky harness.
   */
  static final Set<String> CURL_MAY_STALL = Set.of("client/reactions/early-response-mid-upload");
  private static final Pattern LINE = Pattern.compile("^  ([✔×–!]) (\\S+):", Pattern.MULTILINE);

  @TempDir static Path dir;
  static Path upload;
  static Path small;

  @BeforeAll
  static void files() throws Exception {
    byte[] b = new byte[100_000];
    new Random(11).nextBytes(b);
    upload = Files.write(dir.resolve("upload.bin"), b);
    small = Files.write(dir.resolve("small.bin"), java.util.Arrays.copyOf(b, 1000));
  }

  /** Runs listen with the command; asserts no error, no failure outside {@code mayFail}, and passes. */
  private static void passes(String client, Set<String> mayFail, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("listen", "--client-cmd", client));
    args.addAll(List.of(extra));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    Matcher m = LINE.matcher(r.out());
    List<String> bad = new java.util.ArrayList<>();
    int passed = 0;
    while (m.find()) {
      if (m.group(1).equals("✔")) passed++;
      if ((m.group(1).equals("×") && !mayFail.contains(m.group(2))) || m.group(1).equals("!")) bad.add(m.group(2));
    }
    assertEquals(List.of(), bad, r.out() + r.err());
    assertTrue(passed >= 25, "most generic and reaction scenarios pass: " + passed + "\n" + r.out());
    if (mayFail.isEmpty()) assertEquals(0, r.code(), r.out() + r.err());
  }

  @Test
  void curlOverH2c() {
    External.require("curl", "curl --http2-prior-knowledge as a client under test");
    passes("curl -sS --http2-prior-knowledge --data-binary @" + upload + " -o /dev/null {url}", CURL_MAY_STALL);
  }

  @Test
  void curlOverTls() {
    External.require("curl", "curl over TLS as a client under test");
    passes("curl -sS -k --http2 --data-binary @" + upload + " -o /dev/null {url}", CURL_MAY_STALL, "--tls");
  }

  @Test
  void nghttpUploading() {
    External.require("nghttp", "nghttp -d as a client under test");
    passes("nghttp -d " + upload + " {url}", Set.of());
  }

  @Test
  void nghttpUploadingWithPadding() {
    External.require("nghttp", "nghttp -b as a client under test");
    passes("nghttp -b 255 -d " + small + " {url}", Set.of());
  }

  @Test
  void nodeWithMaximumPadding() {
    External.require("node", "a Node.js http2 client under test");
    Path script = External.projectRoot().resolve("src/test/resources/listen/node-upload.js");
    passes("node " + script + " {url} " + small, Set.of());
  }

  @Test
  void aClientThatNeverConnectsCouldNotRunWithItsStderr() {
    CliRun r = CliRun.of("listen", "--only", "client/generic/request-complete", "--client-cmd",
        "echo no route to {url} >&2; exit 7");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("could not run: the client exited without connecting"), r.out());
    assertTrue(r.out().contains("client exit status 7"), r.out());
    assertTrue(r.out().contains("stderr: no route to http://127.0.0.1:"), r.out());
  }

  @Test
  void aHangingClientIsKilledWithItsWholeTree() throws Exception {
    Path pid = dir.resolve("child.pid");
    long began = System.nanoTime();
    CliRun r = CliRun.of("listen", "--only", "client/generic/request-complete", "--timeout", "1", "--client-cmd",
        "sleep 300 & echo $! > " + pid + "; sleep 301 # {url}");
    double seconds = (System.nanoTime() - began) / 1e9;
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("did not connect within"), r.out());
    assertTrue(seconds < 60, "bounded: " + seconds);
    long child = Long.parseLong(Files.readString(pid).trim());
    Thread.sleep(200);
    assertTrue(dead(child), "the background child " + child + " was killed");
  }

  /** Gone, or a zombie nobody reaps (a container's PID 1 may not): killed either way. */
  private static boolean dead(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    String s = Files.readString(stat);
    return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
  }

  @Test
  void usageMistakesAreOneLineAndExitTwo() {
    for (String[] args : List.of(
        new String[] {"listen", "--timeout", "0"},
        new String[] {"listen", "--client-cmd", "curl"},
        new String[] {"listen", "--cert", "x.pem"},
        new String[] {"listen", "--only", "no-such-scenario", "--client-cmd", "true {url}"},
        new String[] {"listen", "--connections", "0"})) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("h2harness listen: "), r.err());
    }
  }

  @Test
  void aPortInUseCannotRun() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.of("listen", "--port", Integer.toString(taken.getLocalPort()), "--client-cmd", "true {url}");
      assertEquals(3, r.code(), r.err());
      assertTrue(r.err().contains("cannot listen on"), r.err());
    }
  }

  @Test
  void withoutACommandWhateverConnectsIsJudgedInCatalogueOrder() throws Exception {
    External.require("curl", "curl as the client that connects");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Thread clients = new Thread(() -> {
      for (int i = 0; i < 2; i++) {
        for (int attempt = 0; attempt < 100; attempt++) {
          try {
            Process p = new ProcessBuilder("curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null",
                "http://127.0.0.1:" + port + "/whatever").start();
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            p.destroyForcibly();
            if (p.exitValue() == 0) break;
            Thread.sleep(100);
          } catch (Exception e) {
            return;
          }
        }
      }
    });
    clients.start();
    CliRun r = CliRun.of("listen", "--port", Integer.toString(port), "--connections", "2", "--only", "client/generic/");
    clients.join(60_000);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("point HTTP/2 clients at http://127.0.0.1:" + port), r.out());
    List<String> judged = LINE.matcher(r.out()).results().map(x -> x.group(2)).collect(Collectors.toList());
    assertEquals(2, judged.size(), r.out());
    assertTrue(r.out().contains("2 scenarios: 2 passed"), r.out());
  }
}
