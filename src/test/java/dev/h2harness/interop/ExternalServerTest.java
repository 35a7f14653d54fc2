package dev.h2harness.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launched server listens before the matrix uses it, is gone after close, and a failed start says why. */
class ExternalServerTest {
  @TempDir Path work;

  @Test
  void nghttpdListensAndIsStoppedByPid() throws Exception {
    External.require("nghttpd", "nghttp2-server");
    DocRoot root = DocRoot.create(work);
    ExternalServer server = (ExternalServer) new NghttpdStack(0).start(Wire.H2C, root, work, null);
    long pid = server.pid();
    int port = Integer.parseInt(server.url().replaceFirst(".*:", ""));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
    server.close();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "nghttpd " + pid + " still runs");
  }

  @Test
  void aServerThatExitsAtOnceIsAnErrorWithItsOutput() throws Exception {
    External.require("sh", "a shell");
    IOException e = assertThrows(IOException.class, () -> ExternalServer.onPort(
        List.of("sh", "-c", "echo no config here; exit 7"), Map.of(), work, Wire.H2C, ExternalServer.freePort()));
    assertTrue(e.getMessage().contains("exit 7"), e.getMessage());
    assertTrue(e.getMessage().contains("no config here"), e.getMessage());
  }
}
