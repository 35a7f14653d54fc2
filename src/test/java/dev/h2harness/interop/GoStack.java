package dev.h2harness.interop;

import dev.h2harness.External;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Go's net/http with golang.org/x/net/http2 (Debian golang-go and golang-golang-x-net-dev): the
 * server in src/test/resources/interop/go-server (main.go.src), built in GOPATH mode into target/interop.
 */
record GoStack() implements ServerStack {
  private static final Path GOCODE = Path.of("/usr/share/gocode");

  @Override public String id() {
    return "go";
  }

  @Override public String name() {
    return "Go net/http + x/net/http2";
  }

  @Override public String version() {
    return ProgramVersion.of(List.of("go", "version"), "go version go(\\S+)")
        + ", x/net " + ProgramVersion.debian("golang-golang-x-net-dev");
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    String go = External.missing("go");
    if (go != null) return go + " (Debian: golang-go)";
    return Files.isDirectory(GOCODE.resolve("src/golang.org/x/net/http2/h2c"))
        ? null : "golang.org/x/net/http2/h2c is not installed (Debian: golang-golang-x-net-dev)";
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), root.dir().toString()));
    if (wire == Wire.TLS) cmd.addAll(List.of(certs.cert().toString(), certs.key().toString()));
    return ExternalServer.printingPort(cmd, Map.of(), work, wire);
  }

  /** Builds the server once per source change (one build at a time: the matrix starts rows in parallel). */
  private static synchronized Path binary() throws IOException, InterruptedException {
    // Kept as main.go.src so the repository tracks no .go file (none of h2spec's may be committed;
    // this is the matrix's own server); go build wants the .go name, so it builds a copy.
    Path source = External.projectRoot().resolve("src/test/resources/interop/go-server/main.go.src");
    Path out = External.projectRoot().resolve("target/interop/go-server");
    if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) > 0) {
      return out;
    }
    Files.createDirectories(out.getParent());
    Path copy = Files.createDirectories(out.getParent().resolve("go-src")).resolve("main.go");
    Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
      throw new IOException("go build of the interop server failed: " + log.strip());
    }
    return out;
  }
}
