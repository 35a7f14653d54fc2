package dev.h2harness.interop;

import dev.h2harness.External;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Builds the matrix's Go programs (src/test/resources/interop/NAME/main.go.src) in GOPATH mode
 * against Debian's golang-golang-x-net-dev, into target/interop/NAME, once per source change.
 * The sources are kept as main.go.src so the repository tracks no .go file (none of h2spec's may be
 * committed; these are the matrix's own programs); go build wants the .go name, so it builds a copy.
 */
final class GoBuild {
  static final Path GOCODE = Path.of("/usr/share/gocode");

  private GoBuild() {}

  /** Why Go or x/net/http2 (and {@code subpackage} of it, "" for none) is missing here, or null. */
  static String missing(String subpackage) {
    String go = External.missing("go");
    if (go != null) return go + " (Debian: golang-go)";
    Path pkg = GOCODE.resolve("src/golang.org/x/net/http2").resolve(subpackage);
    return Files.isDirectory(pkg) ? null
        : "golang.org/x/net/http2" + (subpackage.isEmpty() ? "" : "/" + subpackage)
            + " is not installed (Debian: golang-golang-x-net-dev)";
  }

  /** One build at a time: the matrix starts rows in parallel. */
  static synchronized Path binary(String name) throws IOException, InterruptedException {
    Path source = External.projectRoot().resolve("src/test/resources/interop/" + name + "/main.go.src");
    Path out = External.projectRoot().resolve("target/interop/" + name);
    if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) > 0) {
      return out;
    }
    Files.createDirectories(out.getParent());
    Path copy = Files.createDirectories(out.getParent().resolve(name + "-src")).resolve("main.go");
    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder b = new ProcessBuilder("go", "build", "-o", out.toString(), copy.toString())
        .redirectErrorStream(true);
    b.environment().put("GO111MODULE", "off");
    b.environment().put("GOPATH", GOCODE.toString());
    b.environment().put("GOCACHE", out.getParent().resolve("gocache").toString());
    b.environment().put("GOFLAGS", "");
    Process p = b.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("go build of " + source + " failed: " + log.strip());
    }
    return out;
  }

  /** The version every Go row reports: the toolchain and Debian's x/net package. */
  static String version() {
    return ProgramVersion.of(java.util.List.of("go", "version"), "go version go(\\S+)")
        + ", x/net " + ProgramVersion.debian("golang-golang-x-net-dev");
  }
}
