package dev.h2harness.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache httpd with mod_http2 (Debian apache2): a generated config, one process in the foreground
 * ({@code -X}); h2c direct ({@code Protocols h2c}, {@code H2Direct on}) or TLS with ALPN h2, and
 * optionally {@code H2Padding}, with which mod_http2 writes padded DATA through nghttp2's
 * send-data callback.
 */
record ApacheStack(int paddingBits) implements ServerStack {
  private static final Path BINARY = Path.of("/usr/sbin/apache2");
  private static final Path MODULES = Path.of("/usr/lib/apache2/modules");

  @Override public String id() {
    return paddingBits == 0 ? "apache" : "apache-h2padding";
  }

  @Override public String name() {
    return "Apache httpd + mod_http2" + (paddingBits == 0 ? "" : ", H2Padding " + paddingBits);
  }

  @Override public String version() {
    String httpd = ProgramVersion.of(List.of(BINARY.toString(), "-v"), "Apache/(\\S+)");
    return httpd + ", mod_http2 " + modHttp2Version();
  }

  /** mod_http2 prints its version only in its log; the module carries it as a plain string. */
  private static String modHttp2Version() {
    try {
      String text = new String(Files.readAllBytes(MODULES.resolve("mod_http2.so")), StandardCharsets.ISO_8859_1);
      Matcher m = Pattern.compile("\0(\\d+\\.\\d+\\.\\d+)\0").matcher(text);
      return m.find() ? m.group(1) : "unknown";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  @Override public Set<Wire> wires() {
    return paddingBits == 0 ? Set.of(Wire.H2C, Wire.TLS) : Set.of(Wire.H2C);
  }

  @Override public String missing() {
    return Files.isExecutable(BINARY) && Files.exists(MODULES.resolve("mod_http2.so"))
        ? null : "Apache httpd with mod_http2 is not installed (Debian: apache2)";
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    int port = ExternalServer.freePort();
    String tls = wire == Wire.TLS ? """
        LoadModule ssl_module %1$s/mod_ssl.so
        SSLEngine on
        SSLCertificateFile %2$s
        SSLCertificateKeyFile %3$s
        Protocols h2 http/1.1
        """.formatted(MODULES, certs.cert(), certs.key()) : """
        Protocols h2c http/1.1
        H2Direct on
        """;
    String conf = """
        ServerRoot %1$s
        DefaultRuntimeDir %1$s
        PidFile %1$s/httpd.pid
        ErrorLog %1$s/error.log
        LogLevel warn
        ServerName localhost
        LoadModule mpm_event_module %2$s/mod_mpm_event.so
        LoadModule authz_core_module %2$s/mod_authz_core.so
        LoadModule http2_module %2$s/mod_http2.so
        User www-data
        Group www-data
        Listen 127.0.0.1:%3$d
        DocumentRoot %4$s
        <Directory %4$s>
          Require all granted
        </Directory>
        %5$s
        %6$s
        """.formatted(work, MODULES, port, root.dir(), tls, paddingBits == 0 ? "" : "H2Padding " + paddingBits);
    Path file = work.resolve("httpd.conf");
    Files.writeString(file, conf);
    return ExternalServer.onPort(List.of(BINARY.toString(), "-X", "-d", work.toString(), "-f", file.toString()),
        Map.of(), work, wire, port);
  }
}
