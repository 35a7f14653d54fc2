package dev.h2harness.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference session in the client role uploads request bodies through NO_COPY with padding to
 * the reference server, whose {@code POST /h2h/upload} answers with the length and SHA-256 it saw.
 */
class ClientRoleUploadTest {
  private static ReferenceServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ReferenceServer.start(ServerOptions.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 16383, 16384, 16385, 100_000, 1 << 20, 3 << 20})
  void uploadArrivesByteForByte(long length) throws Exception {
    try (SessionClient client = new SessionClient(server.port(), 33)) {
      int stream = client.upload("127.0.0.1", "/h2h/upload", length);
      client.await(stream, 20_000);
      JsonNode answer = new ObjectMapper().readTree(client.bodies.get(stream).toByteArray());
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] chunk = new byte[65536];
      for (long at = 0; at < length; at += chunk.length) {
        int n = (int) Math.min(chunk.length, length - at);
        BodyPattern.copy(at, chunk, 0, n);
        sha.update(chunk, 0, n);
      }
      assertEquals(length, answer.get("length").asLong());
      assertEquals(HexFormat.of().formatHex(sha.digest()), answer.get("sha256").asText());
      if (length % 16384 != 0) assertTrue(client.dataFramesPadded > 0, "frames were padded");
    }
  }
}
