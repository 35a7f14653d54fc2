package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nghttp (nghttp2-client) and curl against {@code serve} run as a separate process, with padding
 * on: every body compared octet by octet. Skipped with the reason when a program is missing;
 * failed instead with {@code -Dh2harness.requireExternal=true}.
 */
@Timeout(180)
class ExternalClientsTest {
  private static final Duration RUN = Duration.ofSeconds(60);
  @TempDir static Path dir;
  static Path root;
  static byte[] file;
  static ServeProcess plain;
  static ServeProcess tls;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createDirectories(dir.resolve("www"));
    file = new byte[300_001];
    new Random(11).nextBytes(file);
    Files.write(root.resolve("file.bin"), file);
    plain = ServeProcess.start("--port", "0", "--root", root.toString(), "--pad", "max");
    tls = ServeProcess.start("--port", "0", "--tls", "--root", root.toString(), "--pad", "17");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (plain != null) plain.close();
    if (tls != null) tls.close();
  }

  @ParameterizedTest(name = "curl h2c body {0}")
  @ValueSource(longs = {0, 1, 16384, 100_000, 1 << 20})
  void curlPriorKnowledge(long size) throws IOException {
    Path curl = External.require("curl", "curl --http2-prior-knowledge as a real h2c client");
    Path out = dir.resolve("curl-" + size);
    Programs.Result r = Programs.run(List.of(curl.toString(), "-sS", "--max-time", "30", "--http2-prior-knowledge",
        "-H", "h2h-body: " + size, "-H", "h2h-pad: max", "-o", out.toString(), "-w", "%{http_version} %{http_code}",
        plain.url()), RUN);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("2 200", r.out());
    H2Probe.assertPattern(size, Files.readAllBytes(out));
  }

  @Test
  void curlStaticFileWithDefaultPadding() throws IOException {
    Path curl = External.require("curl", "curl --http2-prior-knowledge as a real h2c client");
    Programs.Result r = Programs.run(List.of(curl.toString(), "-sS", "--max-time", "30",
        "--http2-prior-knowledge", plain.url() + "file.bin"), RUN);
    assertEquals(0, r.exit(), r.stderr());
    assertArrayEquals(file, r.stdout());
  }

  @Test
  void curlOverTlsWithAlpnH2() throws IOException {
    Path curl = External.require("curl", "curl over TLS with ALPN h2");
    Path out = dir.resolve("curl-tls");
    Programs.Result r = Programs.run(List.of(curl.toString(), "-sS", "-k", "--max-time", "30", "--http2",
        "-H", "h2h-body: 100000", "-H", "h2h-pad: max", "-H", "h2h-chunk: 777",
        "-o", out.toString(), "-w", "%{http_version} %{http_code}", tls.url()), RUN);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("2 200", r.out());
    H2Probe.assertPattern(100_000, Files.readAllBytes(out));
    Programs.Result f = Programs.run(List.of(curl.toString(), "-sS", "-k", "--max-time", "30", "--http2",
        tls.url() + "file.bin"), RUN);
    assertArrayEquals(file, f.stdout());
  }

  @ParameterizedTest(name = "nghttp body {0}")
  @ValueSource(longs = {0, 1, 16383, 16385, 100_000, 1 << 20})
  void nghttpBodies(long size) {
    Path nghttp = External.require("nghttp", "nghttp (nghttp2-client), nghttp2's own client");
    Programs.Result r = Programs.run(List.of(nghttp.toString(), "-t", "30",
        "-H", "h2h-body: " + size, "-H", "h2h-pad: max", plain.url()), RUN);
    assertEquals(0, r.exit(), r.stderr());
    H2Probe.assertPattern(size, r.stdout());
  }

  @Test
  void nghttpSeesThePaddingOnTheWire() {
    Path nghttp = External.require("nghttp", "nghttp (nghttp2-client), nghttp2's own client");
    Programs.Result r = Programs.run(List.of(nghttp.toString(), "-v", "-n", "-t", "30",
        "-H", "h2h-body: 5000", "-H", "h2h-chunk: 1000", "-H", "h2h-pad: max", plain.url()), RUN);
    assertEquals(0, r.exit(), r.stderr());
    List<String> data = dataFrames(r.out());
    assertEquals(5, data.size(), r.out());
    for (String frame : data) {
      // nghttp prints nghttp2's padlen, which counts the Pad Length octet (contract §1.4).
      assertTrue(frame.contains("length=1256") && frame.contains("padlen=256"), frame);
    }
  }

  @Test
  void nghttpStaticFileOverTls() {
    Path nghttp = External.require("nghttp", "nghttp (nghttp2-client), nghttp2's own client");
    Programs.Result r = Programs.run(List.of(nghttp.toString(), "-t", "30", tls.url() + "file.bin"), RUN);
    assertEquals(0, r.exit(), r.stderr());
    assertArrayEquals(file, r.stdout());
    Programs.Result v = Programs.run(List.of(nghttp.toString(), "-v", "-n", "-t", "30", tls.url() + "file.bin"), RUN);
    List<String> data = dataFrames(v.out());
    assertTrue(data.get(data.size() - 1).contains("padlen=17"), "--pad 17 pads the short last frame by 17 octets: " + data);
  }

  /** The "recv DATA frame" entries of nghttp -v, each with its continuation lines. */
  private static List<String> dataFrames(String log) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("recv DATA frame <[^>]*>(\\n\\s+[;(][^\\n]*)*").matcher(log);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
