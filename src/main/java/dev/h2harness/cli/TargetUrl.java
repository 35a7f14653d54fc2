package dev.h2harness.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** A target as {@code http://host:port} (h2c, prior knowledge) or {@code https://host:port} (TLS, ALPN h2). */
record TargetUrl(boolean tls, String host, int port) {
  static TargetUrl parse(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--target: not a URL: \"" + url + "\"");
    }
    String scheme = u.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("--target: use http://HOST:PORT (h2c) or https://HOST:PORT (TLS): \"" + url + "\"");
    }
    if (u.getHost() == null) throw new IllegalArgumentException("--target: no host in \"" + url + "\"");
    boolean tls = scheme.equals("https");
    int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
    return new TargetUrl(tls, u.getHost(), port);
  }

  @Override public String toString() {
    return (tls ? "https://" : "http://") + host + ":" + port + "/";
  }
}
