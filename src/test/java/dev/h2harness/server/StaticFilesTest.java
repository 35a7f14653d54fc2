package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.frame.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Static files under --root: the path mapping, and the bodies through NO_COPY in both send modes. */
@Timeout(60)
class StaticFilesTest {
  @TempDir static Path dir;
  static Path root;
  static byte[] big;

  @BeforeAll
  static void files() throws IOException {
    root = Files.createDirectories(dir.resolve("www"));
    Files.writeString(root.resolve("hello.txt"), "hello\n");
    Files.writeString(root.resolve("index.html"), "<p>index</p>\n");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/index.html"), "<p>sub</p>\n");
    Files.writeString(root.resolve("a b.txt"), "space\n");
    Files.write(root.resolve("empty.bin"), new byte[0]);
    big = new byte[300_001];
    new Random(7).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    Files.writeString(dir.resolve("secret.txt"), "outside the root\n");
    Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
  }

  @Test
  void pathsMapInsideTheRootOnly() throws IOException {
    StaticFiles files = StaticFiles.under(root);
    Path real = root.toRealPath();
    assertEquals(real.resolve("hello.txt"), files.resolve("/hello.txt"));
    assertEquals(real.resolve("hello.txt"), files.resolve("/hello.txt?x=1#frag"));
    assertEquals(real.resolve("hello.txt"), files.resolve("//./hello.txt"));
    assertEquals(real.resolve("index.html"), files.resolve("/"));
    assertEquals(real.resolve("sub/index.html"), files.resolve("/sub/"));
    assertEquals(real.resolve("a b.txt"), files.resolve("/a%20b.txt"));
    assertNull(files.resolve("/../secret.txt"));
    assertNull(files.resolve("/sub/../hello.txt"), "no .. at all, even back inside");
    assertNull(files.resolve("/%2e%2e/secret.txt"));
    assertNull(files.resolve("/%2E%2E%2Fsecret.txt"));
    assertNull(files.resolve("/link.txt"), "a symbolic link out of the root");
    assertNull(files.resolve("/missing"));
    assertNull(files.resolve("/hello.txt%00"));
    assertNull(files.resolve("/%zz"));
    assertNull(files.resolve("hello.txt"));
    assertNull(files.resolve(null));
  }

  @Test
  void rootMustBeADirectory() {
    IOException e = assertThrows(IOException.class, () -> StaticFiles.under(dir.resolve("nope")));
    assertEquals("--root " + dir.resolve("nope") + ": no such directory", e.getMessage());
    assertThrows(IOException.class, () -> StaticFiles.under(root.resolve("hello.txt")));
  }

  @Test
  void contentTypes() {
    assertEquals("text/html; charset=utf-8", StaticFiles.contentType(Path.of("a/INDEX.HTML")));
    assertEquals("application/octet-stream", StaticFiles.contentType(Path.of("a.bin")));
    assertEquals("application/octet-stream", StaticFiles.contentType(Path.of("noext")));
  }

  @ParameterizedTest
  @EnumSource(FileSend.class)
  void filesWithContentLengthAndExactBytes(FileSend mode) throws IOException {
    ServerOptions o = ServerOptions.defaults().withRoot(root).withFileSend(mode);
    try (ReferenceServer server = ReferenceServer.start(o); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/big.bin");
      H2Probe.Response r = c.response(1);
      assertEquals("200", r.header(":status"));
      assertEquals("300001", r.header("content-length"));
      assertArrayEquals(big, r.body());
      c.get(3, "/hello.txt");
      H2Probe.Response hello = c.response(3);
      assertEquals("text/plain; charset=utf-8", hello.header("content-type"));
      assertEquals("hello\n", new String(hello.body()));
      c.get(5, "/empty.bin");
      H2Probe.Response empty = c.response(5);
      assertEquals("0", empty.header("content-length"));
      assertEquals(0, empty.body().length);
      c.get(7, "/../secret.txt");
      assertEquals("404", c.response(7).header(":status"));
      c.get(9, "/");
      assertEquals("<p>index</p>\n", new String(c.response(9).body()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MAP", "TRANSFER_TO"})
  void filesArePaddedWithTheDefaultPadding(String mode) throws IOException {
    ServerOptions o = ServerOptions.defaults().withRoot(root).withFileSend(FileSend.valueOf(mode))
        .withDefaultPad(ControlHeaders.PAD_MAX);
    try (ReferenceServer server = ReferenceServer.start(o); H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/big.bin");
      H2Probe.Response r = c.response(1);
      assertArrayEquals(big, r.body());
      Frame.Data last = r.data().get(r.data().size() - 1);
      assertEquals(300_001 % 16384, last.data().length());
      assertEquals(256, last.padlen(), "the short last frame carries the most padding");
    }
  }

  @Test
  void headHasContentLengthAndNoBody() throws IOException {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withRoot(root));
         H2Probe c = H2Probe.connect(server.port())) {
      c.request(1, "HEAD", "/big.bin");
      H2Probe.Response r = c.response(1);
      assertEquals("300001", r.header("content-length"));
      assertTrue(r.data().isEmpty());
    }
  }

  @Test
  void aResetStreamDoesNotDisturbTheNext() throws IOException {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withRoot(root));
         H2Probe c = H2Probe.connect(server.port())) {
      c.get(1, "/big.bin");
      c.send(Frame.RstStream.of(1, dev.h2harness.frame.ErrorCode.CANCEL));
      c.get(3, "/big.bin");
      assertArrayEquals(big, c.response(3).body());
    }
  }
}
