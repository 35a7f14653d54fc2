package dev.h2harness.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.h2harness.control.BodyPattern;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.session.NgError;
import dev.h2harness.shim.ShimProcess.Shim;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Rust shim's client role (`h2h-rust-shim client URL`, the client control parameters) against
 * a loopback server: the uploaded body's octets, the padding octets on the wire, the call log
 * handed over on stream 3, GOAWAY, and the exit codes.
 */
class RustShimClientTest {
  private record Run(int exit, String stderr) {}

  private static Run client(String url, Map<String, String> env) throws Exception {
    ShimProcess.build(Shim.RUST);
    ProcessBuilder pb = new ProcessBuilder(Shim.RUST.clientCommand(url)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(40, TimeUnit.SECONDS)) throw new AssertionError("the client did not exit within 40 s: " + url);
      return new Run(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<Frame.Data> data(List<ReadEvent.FrameRead> frames, int stream) {
    return frames.stream().map(ReadEvent.FrameRead::frame).filter(f -> f instanceof Frame.Data && f.streamId() == stream)
        .map(f -> (Frame.Data) f).toList();
  }

  private static int nonZeroPaddingOctets(List<Frame.Data> frames) {
    return (int) frames.stream().filter(d -> d.padding() != null && d.padding().octets().indexOfNonZero() >= 0).count();
  }

  @Test
  void uploadsThroughNoCopyWithZeroPaddingThenHandsOverItsCallLog() throws Exception {
    long n = 60_000; // within the initial window (RFC 9113 §6.9.2): every frame is a whole chunk
    try (ClientRoleServer server = new ClientRoleServer()) {
      String path = "/h2h/client/upload?h2h-body=" + n + "&h2h-chunk=5000&h2h-pad=9&h2h-send-data=wouldblock,pause,ok";
      Run r = client("http://127.0.0.1:" + server.port() + path, Map.of());
      assertEquals(0, r.exit(), r.stderr());
      List<ReadEvent.FrameRead> frames = server.frames();

      assertEquals("POST", server.value(1, ":method"));
      assertEquals(path, server.value(1, ":path"));
      assertEquals("1", server.value(1, "h2h-version"));
      assertEquals(Long.toString(n), server.value(1, "content-length"));
      byte[] body = server.bodies.get(1).toByteArray();
      assertEquals(n, body.length);
      assertEquals(-1, BodyPattern.mismatch(0, body, 0, body.length), "octet i of the upload is i mod 251");

      List<Frame.Data> upload = data(frames, 1);
      assertEquals(n / 5000, upload.size());
      assertTrue(upload.stream().allMatch(d -> d.padding() != null && d.padding().padlen() == 9), "every frame padded by 9");
      assertEquals(0, nonZeroPaddingOctets(upload));
      assertTrue(upload.get(upload.size() - 1).hasFlag(Flags.END_STREAM));

      assertEquals("/h2h/client-log?stream=1", server.value(3, ":path"));
      assertEquals("POST", server.value(3, ":method"));
      JsonNode log = new ObjectMapper().readTree(server.bodies.get(3).toByteArray());
      assertEquals(1, log.get("stream").asInt());
      JsonNode calls = log.get("calls");
      assertEquals(n / 5000 + 1, calls.size(), "one call per frame plus the WOULDBLOCK retry");
      assertEquals(NgError.WOULDBLOCK, calls.get(0).get("returned").asInt());
      assertEquals(NgError.PAUSE, calls.get(1).get("returned").asInt());
      assertEquals(0, calls.get(2).get("returned").asInt());
      assertEquals(calls.get(0).get("frameHeader").asText(), calls.get(1).get("frameHeader").asText());
      assertEquals(9, calls.get(2).get("padlen").asInt());

      Frame last = frames.get(frames.size() - 1).frame();
      assertTrue(last instanceof Frame.GoAway g && g.errorCode() == 0, "ends with GOAWAY(NO_ERROR): " + last);
    }
  }

  @Test
  void aLargePaddedUploadCrossesManyWindowUpdates() throws Exception {
    long n = 3 << 20;
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/large?h2h-body=" + n + "&h2h-pad=max", Map.of());
      assertEquals(0, r.exit(), r.stderr());
      List<Frame.Data> upload = data(server.frames(), 1);
      byte[] body = server.bodies.get(1).toByteArray();
      assertEquals(n, body.length);
      assertEquals(-1, BodyPattern.mismatch(0, body, 0, body.length));
      assertTrue(upload.stream().anyMatch(d -> d.padding() != null), "frames shorter than 16384 are padded");
      assertEquals(0, nonZeroPaddingOctets(upload));
    }
  }

  @Test
  void trailersReplaceContentLength() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/t?h2h-body=300&h2h-trailers=yes", Map.of());
      assertEquals(0, r.exit(), r.stderr());
      List<ReadEvent.FrameRead> frames = server.frames();
      assertNull(server.value(1, "content-length"));
      assertEquals("300", server.value(1, "h2h-end"));
      assertEquals(300, server.bodies.get(1).size());
      assertFalse(data(frames, 1).stream().anyMatch(d -> d.hasFlag(Flags.END_STREAM)), "trailers end the stream");
    }
  }

  @Test
  void aPlantedNonZeroPaddingOctetShowsOnTheWire() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/f?h2h-body=1000&h2h-pad=4",
          Map.of("H2H_SHIM_FAULT", "padding-nonzero"));
      assertEquals(0, r.exit(), r.stderr());
      assertEquals(1, nonZeroPaddingOctets(data(server.frames(), 1)));
    }
  }

  @Test
  void withoutControlParametersItDoesAPlainGet() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/generic", Map.of());
      assertEquals(0, r.exit(), r.stderr());
      server.frames();
      assertEquals("GET", server.value(1, ":method"));
      assertNull(server.value(1, "h2h-version"));
      assertNull(server.value(3, ":path"), "no call log without a control upload");
    }
  }

  @Test
  void aResponseThatIsNot2xxIsAClientError() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/x?status=404", Map.of());
      assertEquals(1, r.exit(), r.stderr());
      assertTrue(r.stderr().contains("404"), r.stderr());
    }
  }

  @Test
  void aCallbackFailureIsNotAClientError() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/cf?h2h-body=100&h2h-send-data=callback-failure",
          Map.of());
      assertEquals(0, r.exit(), r.stderr());
      server.frames();
      assertNull(server.value(3, ":path"), "the connection is gone: no call log");
    }
  }

  @Test
  void aMalformedParameterExitsTwoAndSendsNothing() throws Exception {
    try (ClientRoleServer server = new ClientRoleServer()) {
      Run r = client("http://127.0.0.1:" + server.port() + "/h2h/client/bad?h2h-body=1&h2h-bogus=1", Map.of());
      assertEquals(2, r.exit());
      assertEquals("h2h-rust-shim client: unknown control header: \"h2h-bogus\"\n", r.stderr());
      assertFalse(server.accepted(), "nothing was sent");
    }
  }
}
