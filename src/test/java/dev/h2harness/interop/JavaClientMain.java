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
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A Java HTTP/2 client as a process, so that {@code listen --client-cmd} runs it like any other:
 * {@code JavaClientMain okhttp|jdk URL FILE} POSTs FILE to URL once. OkHttp speaks h2c with prior
 * knowledge; the JDK's java.net.http client speaks HTTP/2 only over TLS (ALPN), and trusts the
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
      status = args[0].equals("okhttp") ? okHttp(args[1], body) : jdk(args[1], body);
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
