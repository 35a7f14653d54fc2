package dev.h2harness.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.shim.ShimProcess.Shim;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Rust shim answers a bad control request with the C shim's status and one-line text, word for word. */
class ShimErrorAnswersTest {
  private static ShimProcess c;
  private static ShimProcess rust;

  @BeforeAll
  static void start() throws Exception {
    External.require("curl", "to send h2c requests with arbitrary headers");
    c = ShimProcess.start(Shim.C, Map.of());
    rust = ShimProcess.start(Shim.RUST, Map.of());
  }

  @AfterAll
  static void stop() {
    if (c != null) c.close();
    if (rust != null) rust.close();
  }

  /** Status and body, from curl with prior knowledge. */
  private static String answer(ShimProcess shim, String path, List<String> headers) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--http2-prior-knowledge", "-w", " %{http_code}"));
    for (String h : headers) cmd.addAll(List.of("-H", h));
    cmd.add("http://127.0.0.1:" + shim.port() + path);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl finished");
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/|h2h-body: abc", "/|h2h-body: 1099511627777", "/|h2h-body: 1|h2h-chunk: 0",
      "/|h2h-body: 1|h2h-pad: -1", "/|h2h-body: 1|h2h-send-data: ok,,ok", "/|h2h-body: 1|h2h-send-data: 2147483648",
      "/|h2h-body: 1|h2h-trailers: maybe", "/|h2h-body: 1|h2h-zzz: 1", "/|h2h-pad: 1", "/|h2h-body: 1|h2h-body: 2",
      "/|h2h-body: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "/h2h/log", "/h2h/log?stream=0", "/h2h/log?stream=2147483648"})
  void sameAnswerAsTheCShim(String request) throws Exception {
    List<String> parts = List.of(request.split("\\|"));
    String want = answer(c, parts.get(0), parts.subList(1, parts.size()));
    assertTrue(want.endsWith(" 400"), want);
    assertEquals(want, answer(rust, parts.get(0), parts.subList(1, parts.size())));
  }
}
