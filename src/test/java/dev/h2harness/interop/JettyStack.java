package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty 12 (Maven Central, test scope) in process: a ResourceHandler over h2c or TLS with ALPN h2. */
record JettyStack() implements ServerStack {
  @Override public String id() {
    return "jetty";
  }

  @Override public String name() {
    return "Jetty";
  }

  @Override public String version() {
    return Jetty.VERSION;
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return null;
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    ServerConnector connector;
    if (wire == Wire.H2C) {
      connector = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(certs.pkcs12().toString());
      ssl.setKeyStorePassword(certs.password());
      ssl.setKeyStoreType("PKCS12");
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
      alpn.setDefaultProtocol("h2");
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
          new HTTP2ServerConnectionFactory(config));
    }
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(files).newResource(root.dir()));
    server.setHandler(files);
    server.start();
    String url = wire.scheme + "://127.0.0.1:" + connector.getLocalPort();
    return new RunningServer() {
      @Override public String url() {
        return url;
      }

      @Override public void close() {
        try {
          server.stop();
        } catch (Exception e) {
          throw new IllegalStateException("stopping Jetty: " + e, e);
        }
      }
    };
  }
}
