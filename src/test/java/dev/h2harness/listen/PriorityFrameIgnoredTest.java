package dev.h2harness.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.PrioritySpec;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.peer.ClientListener;
import dev.h2harness.peer.Transport;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * client/generic/priority-frame-ignored against hand-played clients over a real socket. Each client
 * reacts to frames, not to time, so each verdict is the same on every run: the PRIORITY frame always
 * reaches the client before the response (even when the upload ended with the request), a client
 * that resets its request or drops the connection on it fails (even when its request had ended
 * before), and one that carries on passes.
 */
@Timeout(60)
class PriorityFrameIgnoredTest {
  private static final int TIMEOUT = 1000;

  /** What the client does when the PRIORITY frame arrives. */
  enum OnPriority { CARRY_ON, RESET, CLOSE }

  /** A client's verdict and the frame types it read, in order. */
  record Played(ScenarioResult result, List<String> read) {}

  /**
   * @param stream the client's request stream; above 1 it first opens streams 3, 5, ... below it with
   *     PRIORITY frames alone, as nghttp does
   * @param endWithHeaders the request has no body: END_STREAM on its HEADERS, before any PRIORITY
   */
  private static Played play(int stream, boolean endWithHeaders, OnPriority react) throws Exception {
    Scenario s = ReferenceClientCatalogueTest.clientCatalogue().stream()
        .filter(x -> x.id().equals("client/generic/priority-frame-ignored")).findFirst().orElseThrow();
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    try (ClientListener listener = new ClientListener("127.0.0.1", 0, null)) {
      Thread client = new Thread(() -> {
        try (Socket sock = new Socket("127.0.0.1", listener.port())) {
          sock.setSoTimeout(5000);
          talk(sock, s.clientPath(), stream, endWithHeaders, react, read);
        } catch (Exception e) {
          // the harness closed first: the verdict says what it saw
        }
      });
      client.setDaemon(true);
      client.start();
      try (Transport t = listener.accept(5000)) {
        ScenarioResult r = new ListenRunner(TIMEOUT, false).judge(s, t, "");
        client.join(5000);
        return new Played(r, List.copyOf(read));
      }
    }
  }

  private static void talk(Socket sock, String path, int stream, boolean endWithHeaders, OnPriority react,
      List<String> read) throws Exception {
    OutputStream out = sock.getOutputStream();
    InputStream in = sock.getInputStream();
    ByteArrayOutputStream hello = new ByteArrayOutputStream();
    hello.writeBytes(FrameReader.CLIENT_PREFACE.toArray());
    hello.writeBytes(FrameWriter.write(Frame.Settings.of()));
    for (int idle = 3; idle < stream; idle += 2) {
      hello.writeBytes(FrameWriter.write(new Frame.Priority(0, idle, PrioritySpec.of(false, 0, 200))));
    }
    byte[] block = new HpackEncoder().encode(List.of(HeaderField.of(":method", "POST"), HeaderField.of(":scheme", "http"),
        HeaderField.of(":authority", "127.0.0.1"), HeaderField.of(":path", path)));
    hello.writeBytes(FrameWriter.write(Frame.Headers.of(stream, Bytes.wrap(block), endWithHeaders)));
    if (!endWithHeaders) hello.writeBytes(FrameWriter.write(Frame.Data.of(stream, Bytes.ascii("upload"), false)));
    out.write(hello.toByteArray());
    out.flush();
    List<Frame> frames = new ArrayList<>();
    FrameReader reader = new FrameReader(false, FrameWriter.MAX_LENGTH, e -> {
      if (e instanceof ReadEvent.FrameRead fr) frames.add(fr.frame());
    });
    byte[] buf = new byte[16384];
    for (int n; (n = in.read(buf)) > 0; ) {
      reader.feed(buf, 0, n);
      for (Frame f : frames) {
        read.add(f.getClass().getSimpleName());
        if (f instanceof Frame.Settings st && !st.isAck()) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
        } else if (f instanceof Frame.Ping ping && !ping.isAck()) {
          out.write(FrameWriter.write(Frame.Ping.of(ping.opaque(), true)));
        } else if (f instanceof Frame.Priority && f.streamId() == stream) {
          if (react == OnPriority.CLOSE) return;
          if (react == OnPriority.RESET) {
            // and reads on until the harness has said all it will, so the verdict never races the close
            out.write(FrameWriter.write(Frame.RstStream.of(stream, ErrorCode.CANCEL)));
            continue;
          }
          if (!endWithHeaders) out.write(FrameWriter.write(Frame.Data.of(stream, Bytes.ascii("rest"), true)));
        } else if (f.streamId() == stream && f.hasFlag(Flags.END_STREAM)) {
          return; // the response is whole: a client then closes
        }
      }
      frames.clear();
      out.flush();
    }
  }

  private static String rules(ScenarioResult r) {
    return r.findings().stream().map(f -> f.rule() + ": " + f.message()).collect(Collectors.joining("; "));
  }

  @Test
  void aClientThatCarriesOnPasses() throws Exception {
    Played p = play(1, false, OnPriority.CARRY_ON);
    assertEquals(Verdict.PASS, p.result().verdict(), rules(p.result()));
  }

  @Test
  void theResponseComesAfterThePriorityFrameEvenWhenTheUploadEndedFirst() throws Exception {
    Played p = play(1, true, OnPriority.CARRY_ON);
    assertEquals(Verdict.PASS, p.result().verdict(), rules(p.result()));
    int priority = p.read().indexOf("Priority");
    int response = p.read().indexOf("Headers");
    assertTrue(priority >= 0 && response > priority, "frames read by the client: " + p.read());
  }

  @Test
  void aClientThatResetsItsRequestOnThePriorityFrameFails() throws Exception {
    Played p = play(1, false, OnPriority.RESET);
    assertEquals(Verdict.FAIL, p.result().verdict(), rules(p.result()));
    assertTrue(rules(p.result()).contains("how stream 1 ended: expected end-stream, got reset"), rules(p.result()));
  }

  @Test
  void aClientWhoseRequestHadEndedStillFailsWhenItResetsOnThePriorityFrame() throws Exception {
    Played p = play(1, true, OnPriority.RESET);
    assertEquals(Verdict.FAIL, p.result().verdict(), rules(p.result()));
  }

  @Test
  void aClientWhoseRequestHadEndedStillFailsWhenItDropsTheConnectionOnThePriorityFrame() throws Exception {
    // What JDK 17 does with a short upload when its RST_STREAM loses the race with its close.
    Played p = play(1, true, OnPriority.CLOSE);
    assertEquals(Verdict.FAIL, p.result().verdict(), rules(p.result()));
    assertTrue(rules(p.result()).contains("closed"), rules(p.result()));
  }

  @Test
  void aClientThatDropsTheConnectionOnThePriorityFrameFails() throws Exception {
    Played p = play(1, false, OnPriority.CLOSE);
    assertEquals(Verdict.FAIL, p.result().verdict(), rules(p.result()));
    assertTrue(rules(p.result()).contains("closed"), rules(p.result()));
  }

  @Test
  void theExpectationNamesTheClientsFirstRequestNotStreamOne() throws Exception {
    Played ok = play(13, false, OnPriority.CARRY_ON);
    assertEquals(Verdict.PASS, ok.result().verdict(), rules(ok.result()));
    Played reset = play(13, false, OnPriority.RESET);
    assertEquals(Verdict.FAIL, reset.result().verdict(), rules(reset.result()));
    assertTrue(rules(reset.result()).contains("how stream 13 ended: expected end-stream, got reset"), rules(reset.result()));
  }
}
