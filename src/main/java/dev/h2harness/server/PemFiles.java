package dev.h2harness.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM files read with the JDK alone: a certificate chain and an unencrypted PKCS#8 private key. */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemFiles() {}

  /** The certificates of {@code file}, leaf first; a one-line {@link IOException} otherwise. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(file, "certificate")) {
        if (b.type().equals("CERTIFICATE")) {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IOException("certificate " + file + ": not a valid X.509 certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IOException("certificate " + file + ": no PEM CERTIFICATE block");
    }
    return chain;
  }

  /** The PKCS#8 key of {@code file}; {@code algorithm} (the certificate's) is tried first. */
  static PrivateKey privateKey(Path file, String algorithm) throws IOException {
    for (Block b : blocks(file, "key")) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return decode(file, b.der(), algorithm);
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new IOException("key " + file
            + ": encrypted keys are not supported; decrypt with: openssl pkcs8 -in KEY -out key.pem");
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException("key " + file + ": "
            + b.type() + " is not PKCS#8; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
        default -> { }
      }
    }
    throw new IOException("key " + file + ": no PEM PRIVATE KEY block");
  }

  private static PrivateKey decode(Path file, byte[] der, String algorithm) throws IOException {
    Set<String> algorithms = new LinkedHashSet<>();
    if (algorithm != null) algorithms.add(algorithm);
    algorithms.addAll(List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"));
    for (String a : algorithms) {
      try {
        return KeyFactory.getInstance(a).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IOException("key " + file + ": not a PKCS#8 key of a known algorithm");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file, String what) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IOException("cannot read " + what + " file " + file + ": " + reason(e));
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IOException(what + " " + file + ": bad base64 in a " + m.group(1) + " block");
      }
    }
    return out;
  }

  static String reason(IOException e) {
    String simple = e.getClass().getSimpleName();
    return switch (simple) {
      case "NoSuchFileException" -> "no such file";
      case "AccessDeniedException" -> "permission denied";
      default -> e.getMessage() == null ? simple : e.getMessage();
    };
  }
}
