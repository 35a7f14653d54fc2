package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A Java client from the test classpath run as its own process by {@link JavaClientMain}: OkHttp
 * (h2c with prior knowledge), Jetty 12's HttpClient over HTTP2Client (h2c with prior knowledge) or the JDK's java.net.http client (TLS only: it has no h2c with prior knowledge).
 *
 * <p>OkHttp runs client/generic/ only: every client/reactions/ scenario starts with INITIAL_WINDOW_SIZE
 * 1000 in the first SETTINGS, and OkHttp 5.3.2 opens its stream before it applies them (README,
 * "listen: interop notes"): from run to run it overruns the window (flow.window), stalls, or passes,
 * so an expectation would flip; OkHttpClientTest pins that deviation instead. The JDK client runs
 * both folders; its stall after a negative stream window is declared in interop/expected-failures.yaml.
 */
record JavaClient(String kind) implements ClientStack {
  @Override public List<String> only() {
    return kind.equals("okhttp") ? List.of("client/generic/") : GENERIC;
  }

  @Override public String id() {
    return switch (kind) {
      case "okhttp" -> "okhttp";
      case "jetty" -> "jetty-client";
      default -> "jdk-httpclient";
    };
  }

  @Override public String name() {
    return switch (kind) {
      case "okhttp" -> "OkHttp";
      case "jetty" -> "Jetty HttpClient over HTTP2Client";
      default -> "JDK java.net.http.HttpClient";
    };
  }

  @Override public String version() {
    return switch (kind) {
      case "okhttp" -> okhttp3.OkHttp.VERSION;
      case "jetty" -> org.eclipse.jetty.util.Jetty.VERSION;
      default -> System.getProperty("java.runtime.version");
    };
  }

  @Override public Set<Wire> wires() {
    return switch (kind) {
      case "okhttp" -> Set.of(Wire.H2C);
      // Jetty's TLS cells pass as its h2c ones do (30 of 30 by hand, 1 MiB); left out of the
      // matrix because each scenario starts a JVM: about a minute per cell on 2 shared cores.
      case "jetty" -> Set.of(Wire.H2C);
      default -> Set.of(Wire.TLS);
    };
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
