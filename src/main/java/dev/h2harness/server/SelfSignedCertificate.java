package dev.h2harness.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made by the
 * JDK's own {@code keytool} into a temporary PKCS12 keystore (no extra dependency). One per JVM:
 * keytool takes a second, and tests start many servers.
 */
record SelfSignedCertificate(PrivateKey key, X509Certificate certificate) {
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
  private static SelfSignedCertificate shared;

  static synchronized SelfSignedCertificate get() throws IOException {
    if (shared == null) {
      shared = generate();
    }
    return shared;
  }

  private static SelfSignedCertificate generate() throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path dir = Files.createTempDirectory("h2harness-cert");
    Path store = dir.resolve("server.p12");
    char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
    try {
      List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "h2harness",
          "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
          "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
          "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
          "-storepass", new String(password), "-keypass", new String(password));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] output;
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
        }
        output = in.readAllBytes();
      }
      if (p.exitValue() != 0) {
        String first = new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        throw new IOException("keytool failed (exit " + p.exitValue() + "): " + first);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, password);
      }
      PrivateKey key = (PrivateKey) ks.getKey("h2harness", password);
      Certificate cert = ks.getCertificate("h2harness");
      return new SelfSignedCertificate(key, (X509Certificate) cert);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the keystore keytool made: " + e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
      Files.deleteIfExists(store);
      Files.deleteIfExists(dir);
    }
  }
}
