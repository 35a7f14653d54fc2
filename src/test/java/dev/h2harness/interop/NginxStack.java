package dev.h2harness.interop;

import dev.h2harness.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nginx (Debian nginx) with {@code listen ... http2}: a generated config, no daemon, one process. */
record NginxStack() implements ServerStack {
  @Override public String id() {
    return "nginx";
  }

  @Override public String name() {
    return "nginx";
  }

  @Override public String version() {
    return ProgramVersion.of(List.of(binary(), "-v"), "nginx/(\\S+)");
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return Files.isExecutable(Path.of(binary())) ? null : "nginx is not installed (Debian: nginx)";
  }

  private static String binary() {
    Path p = External.find("nginx");
    return p != null ? p.toString() : "/usr/sbin/nginx";
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    int port = ExternalServer.freePort();
    String listen = wire == Wire.H2C
        ? "listen 127.0.0.1:" + port + " http2;"
        : "listen 127.0.0.1:" + port + " ssl http2; ssl_certificate " + certs.cert() + "; ssl_certificate_key "
            + certs.key() + ";";
    String conf = """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log info;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            %2$s
            root %3$s;
          }
        }
        """.formatted(work, listen, root.dir());
    Path file = work.resolve("nginx.conf");
    Files.writeString(file, conf);
    return ExternalServer.onPort(List.of(binary(), "-p", work.toString(), "-e", work.resolve("error.log").toString(),
        "-c", file.toString()), Map.of(), work, wire, port);
  }
}
