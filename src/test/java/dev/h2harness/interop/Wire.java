package dev.h2harness.interop;

/** How the harness reaches a server: h2c with prior knowledge, or TLS with ALPN h2. */
enum Wire {
  H2C("http"),
  TLS("https");

  final String scheme;

  Wire(String scheme) {
    this.scheme = scheme;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
