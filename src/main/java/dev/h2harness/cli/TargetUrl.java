package dev.h2harness.cli;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A target as {@code http://host:port[/path]} (h2c, prior knowledge) or {@code https://host:port[/path]}
 * (TLS, ALPN h2). {@code path} is the URL's path and query, or null when it has none beyond "/".
 */
record TargetUrl(boolean tls, String host, int port, String path) {
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
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    if (u.getRawQuery() != null) path += "?" + u.getRawQuery();
    return new TargetUrl(tls, u.getHost(), port, path.equals("/") ? null : path);
  }

  /** The URL without its path: {@code http://host:port/}. */
  @Override public String toString() {
    return (tls ? "https://" : "http://") + host + ":" + port + "/";
  }

  /** The URL with {@code path} as its path. */
  String with(String path) {
    return (tls ? "https://" : "http://") + host + ":" + port + path;
  }
}
