package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A Java client from the test classpath run as its own process by {@link JavaClientMain}: OkHttp
 * (h2c with prior knowledge) or the JDK's java.net.http client (TLS only: it has no h2c with prior
 * knowledge).
 *
 * <p>OkHttp runs client/generic/ only: every client/reactions/ scenario starts with INITIAL_WINDOW_SIZE
 * 1000 in the first SETTINGS, and OkHttp 5.3.2 opens its stream before it applies them (README,
 * "listen: interop notes"): from run to run it overruns the window (flow.window), stalls, or passes,
 * so an expectation would flip; OkHttpClientTest pins that deviation instead. The JDK client runs
 * both folders except {@link #JDK_UNEXPLAINED}.
 */
record JavaClient(String kind) implements ClientStack {
  /**
   * With the 1 MiB body, JDK 17.0.15's client sends HEADERS and 65,535 DATA octets before it acks
   * the harness's SETTINGS (INITIAL_WINDOW_SIZE 1000), so its stream window goes negative; the next
   * SETTINGS raises it to 10,000,000, which leaves the window positive (RFC 9113 §6.9.2: a change
   * adjusts every stream window by the difference), yet the client sends nothing more. The 2,000-octet
   * upload passes. Not yet confirmed with an independent tool, so neither declared a bug nor run in
   * the matrix (interop/notes.md, "Client scenarios left out").
   */
  static final List<String> JDK_UNEXPLAINED = List.of("client/reactions/initial-window-raised-mid-upload",
      "client/reactions/max-frame-size-raised-mid-upload");

  @Override public List<String> only() {
    if (kind.equals("okhttp")) return List.of("client/generic/");
    return List.of("client/generic/", "client/reactions/connection-window-opened-slowly", "client/reactions/early-response*",
        "client/reactions/goaway-below-open-stream", "client/reactions/initial-window-lowered-mid-upload",
        "client/reactions/ping-mid-upload", "client/reactions/rst-stream-mid-upload", "client/reactions/stream-window-*");
  }

  @Override public String id() {
    return kind.equals("okhttp") ? "okhttp" : "jdk-httpclient";
  }

  @Override public String name() {
    return kind.equals("okhttp") ? "OkHttp" : "JDK java.net.http.HttpClient";
  }

  @Override public String version() {
    return kind.equals("okhttp") ? okhttp3.OkHttp.VERSION : System.getProperty("java.runtime.version");
  }

  @Override public Set<Wire> wires() {
    return kind.equals("okhttp") ? Set.of(Wire.H2C) : Set.of(Wire.TLS);
  }

  @Override public String missing() {
    return null;
  }

  /** A fresh JVM loads OkHttp (or the JDK's client) and TLS for each scenario: seconds on a loaded machine. */
  @Override public double timeoutSeconds() {
    return 8;
  }

  @Override public String command(Wire wire, Path body) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return java + " -Xmx128m -XX:TieredStopAtLevel=1 -Djdk.internal.httpclient.disableHostnameVerification=true -cp '"
        + System.getProperty("java.class.path") + "' " + JavaClientMain.class.getName() + " " + kind + " {url} " + body;
  }
}
