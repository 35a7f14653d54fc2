package dev.h2harness.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A Java HTTP/2 client as a process, so that {@code listen --client-cmd} runs it like any other:
 * {@code JavaClientMain okhttp|jdk|jetty URL FILE} POSTs FILE to URL once. OkHttp speaks h2c with prior
 * knowledge; Jetty's HttpClient over HTTP2Client speaks h2c with prior knowledge (http://) or TLS with
 * ALPN (https://, trusting any certificate); the JDK's java.net.http client speaks HTTP/2 only over
 * TLS (ALPN), and trusts the
 * listener's self-signed certificate here (the run has
 * {@code -Djdk.internal.httpclient.disableHostnameVerification=true}). Exit 0 on a 2xx answer, 1
 * on another status, 3 when the request failed.
 */
final class JavaClientMain {
  private JavaClientMain() {}

  public static void main(String[] args) throws Exception {
    byte[] body = Files.readAllBytes(Path.of(args[2]));
    int status;
    try {
      status = switch (args[0]) {
        case "okhttp" -> okHttp(args[1], body);
        case "jetty" -> jetty(args[1], body);
        default -> jdk(args[1], body);
      };
    } catch (Exception e) {
      System.err.println(args[0] + ": " + e);
      System.exit(3);
      return;
    }
    System.exit(status >= 200 && status < 300 ? 0 : 1);
  }

  private static int okHttp(String url, byte[] body) throws Exception {
    OkHttpClient client = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .retryOnConnectionFailure(false).readTimeout(10, TimeUnit.SECONDS).build();
    Request req = new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get("application/octet-stream")))
        .build();
    try (Response r = client.newCall(req).execute()) {
      r.body().bytes();
      return r.code();
    }
  }

  private static int jetty(String url, byte[] body) throws Exception {
    ClientConnector connector = new ClientConnector();
    // The listener's certificate is made for this run: trusting it is the point of the test.
    connector.setSslContextFactory(new SslContextFactory.Client(true));
    var client = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
    client.start();
    try {
      ContentResponse r = client.POST(url).body(new BytesRequestContent("application/octet-stream", body))
          .timeout(10, TimeUnit.SECONDS).send();
      return r.getStatus();
    } finally {
      client.stop();
    }
  }

  private static int jdk(String url, byte[] body) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The listener's certificate is self-signed for this run: trusting it is the point of the test. */
  private static final class TrustAll implements X509TrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
