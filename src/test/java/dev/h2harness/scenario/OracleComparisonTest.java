package dev.h2harness.scenario;

import dev.h2harness.TestRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Finding;
import dev.h2harness.control.CallLog;
import dev.h2harness.control.SendDataCall;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.hpack.HpackEncoder;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.session.NgError;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oracle comparison on hand-made pairs of runs of one control stream: each pair differs from
 * the other in one aspect the comparison looks at (contract §6), and must give exactly that finding.
 */
class OracleComparisonTest {
  private static final List<HeaderField> REQUEST = TestRequests.request("GET", "t", "/", HeaderField.of("h2h-body", "30"));
  private static final Scenario SCENARIO = new Scenario("test/one-stream", "one control stream", "test",
      "contract §6", true, List.of(), FlowPolicy.manual(), true,
      List.of(new PeerStep.Request(1, REQUEST, true, true,
          java.util.Optional.of(new dev.h2harness.control.ControlHeaders(30, 0, -1, List.of(), false)))),
      Expectations.NONE, "OracleComparisonTest");

  /** One side's run: the bytes both ways as the model saw them, how it ended, its call log. */
  private static final class Side {
    private final HpackEncoder peerHpack = new HpackEncoder();
    private final HpackEncoder targetHpack = new HpackEncoder();
    private final ConnectionModel model = new ConnectionModel(true);
    private final CallLog log = new CallLog();
    private PeerResult.Outcome outcome = PeerResult.Outcome.COMPLETED;
    private String rawLog;
    private boolean noLog;
    private long sent;

    Side() {
      this(true);
    }

    /** Without {@code request}, the capture never reaches stream 1 (e.g. a target that hung up). */
    Side(boolean request) {
      peer(FrameReader.CLIENT_PREFACE.toArray());
      peer(FrameWriter.write(Frame.Settings.of()));
      target(Frame.Settings.of());
      target(Frame.Settings.ack());
      peer(FrameWriter.write(Frame.Settings.ack()));
      if (request) peer(FrameWriter.write(Frame.Headers.of(1, Bytes.wrap(peerHpack.encode(REQUEST)), true)));
    }

    private void peer(byte[] b) {
      model.fromPeer(b, 0, b.length);
    }

    private Side target(Frame f) {
      byte[] b = FrameWriter.writeLenient(f);
      model.fromTarget(b, 0, b.length);
      return this;
    }

    Side response() {
      List<HeaderField> h = List.of(HeaderField.of(":status", "200"), HeaderField.of("h2h-version", "1"));
      return target(Frame.Headers.of(1, Bytes.wrap(targetHpack.encode(h)), false));
    }

    /** A DATA frame of {@code length} body octets and {@code padlen}, with its send-data call. */
    Side data(int length, int padlen, boolean end) {
      return data(length, padlen, end, 0, 1, 1);
    }

    Side data(int length, int padlen, boolean end, int returned, int sendCall, int reads) {
      byte[] body = new byte[length];
      for (int i = 0; i < length; i++) body[i] = (byte) ((sent + i) % 251);
      if (returned == 0 || returned == NgError.PAUSE) {
        target(Frame.Data.padded(1, Bytes.wrap(body), end, padlen));
        sent += length;
      }
      return call(length, padlen, end, returned, sendCall, reads);
    }

    /** A send-data call in the log only. */
    Side call(int length, int padlen, boolean end, int returned, int sendCall, int reads) {
      int flags = (end ? Flags.END_STREAM : 0) | (padlen > 0 ? Flags.PADDED : 0);
      FrameHeader h = new FrameHeader(length + padlen, 0, flags, 1);
      log.add(new SendDataCall(log.count(1) + 1, sendCall, reads, HexFormat.of().formatHex(h.toBytes()),
          h.length(), 0, flags, 1, length, padlen, returned));
      return this;
    }

    Side trailers() {
      return target(Frame.Headers.of(1, Bytes.wrap(targetHpack.encode(List.of(HeaderField.of("h2h-end", "30")))), true));
    }

    Side reset(ErrorCode code) {
      return target(Frame.RstStream.of(1, code));
    }

    Side closed() {
      outcome = PeerResult.Outcome.CLOSED;
      model.targetClosed();
      return this;
    }

    Side log(String json) {
      rawLog = json;
      return this;
    }

    /** Serves {@code other}'s call log, so that a pair differs in its frames only. */
    Side sameLogAs(Side other) {
      return log(other.log.toJson(1));
    }

    Side noLog() {
      noLog = true;
      return this;
    }

    ScenarioRunner.Run run() {
      model.finish();
      Map<Integer, String> logs = new HashMap<>();
      if (!noLog) logs.put(1, rawLog != null ? rawLog : log.toJson(1));
      return new ScenarioRunner.Run(new PeerResult(outcome, -1, java.util.Optional.empty(), Map.of(), 0), model, List.of(), logs, null, null);
    }
  }

  /** The reference: 30 octets in two frames, the second padded and ending the stream. */
  private static Side reference() {
    return new Side().response().data(20, 0, false).data(10, 5, true);
  }

  private static List<Finding> compare(Side oracle, Side actual) {
    return new OracleComparison(SCENARIO, oracle.run(), actual.run()).findings();
  }

  private static Finding only(List<Finding> findings, String rule, String section) {
    assertEquals(1, findings.size(), findings.toString());
    Finding f = findings.get(0);
    assertEquals(rule, f.rule().id(), f.toString());
    assertEquals(section, f.section(), f.toString());
    assertEquals(1, f.stream(), f.toString());
    return f;
  }

  @Test
  void identicalRunsGiveNoFinding() {
    assertEquals(List.of(), compare(reference(), reference()));
  }

  @Test
  void aDataFrameOfAnotherLengthIsADataFramingFinding() {
    Side actual = new Side().response().data(16, 0, false).data(14, 5, true).sameLogAs(reference());
    Finding f = only(compare(reference(), actual), "data.framing", "contract §1");
    assertTrue(f.expected().contains("length=20") && f.actual().contains("length=16"), f.toString());
  }

  @Test
  void otherPaddingIsADataFramingFinding() {
    Side actual = new Side().response().data(20, 0, false).data(10, 4, true).sameLogAs(reference());
    Finding f = only(compare(reference(), actual), "data.framing", "contract §1");
    assertTrue(f.expected().contains("length=15 padlen=5") && f.actual().contains("length=14 padlen=4"), f.toString());
  }

  @Test
  void endStreamOnAnEmptyExtraFrameIsADataFramingFinding() {
    Side actual = new Side().response().data(20, 0, false).data(10, 5, false).data(0, 0, true);
    List<Finding> findings = compare(reference(), actual);
    assertEquals("data.framing", findings.get(0).rule().id(), findings.toString());
    assertTrue(findings.get(0).message().contains("DATA frame 2"), findings.toString());
  }

  @Test
  void extraAndMissingFramesAreDataFramingFindings() {
    Side oracle = new Side().response().data(20, 0, false).data(10, 5, false).trailers();
    Side more = new Side().response().data(20, 0, false).data(10, 5, false).data(0, 0, false).trailers()
        .sameLogAs(oracle);
    Finding extra = only(compare(oracle, more), "data.framing", "contract §1");
    assertTrue(extra.message().contains("does not send"), extra.toString());
    Side fewer = new Side().response().data(20, 0, false).trailers().sameLogAs(oracle);
    Finding missing = only(compare(oracle, fewer), "data.framing", "contract §1");
    assertTrue(missing.message().contains("lacks"), missing.toString());
  }

  @Test
  void framesMissingBecauseTheTargetClosedAreNotCountedTwice() {
    Side cut = new Side().response().data(20, 0, false).closed().noLog();
    List<Finding> findings = compare(reference(), cut);
    assertTrue(findings.stream().noneMatch(f -> f.rule().id().equals("data.framing")), findings.toString());
    assertTrue(findings.stream().anyMatch(f -> f.message().contains("ends differently")), findings.toString());
  }

  @Test
  void anotherEndingIsASendDataOutcomeFinding() {
    Finding f = only(compare(reference(), reference().reset(ErrorCode.INTERNAL_ERROR)), "send-data.outcome", "contract §2");
    assertEquals("END_STREAM", f.expected());
    assertEquals("RST_STREAM INTERNAL_ERROR", f.actual());
  }

  @Test
  void missingTrailersAreASendDataOutcomeFinding() {
    Side oracle = new Side().response().data(30, 0, false).trailers();
    // Ending on DATA instead of trailers changes the last frame's flags too: two findings.
    Side actual = new Side().response().data(30, 0, true).sameLogAs(oracle);
    List<Finding> findings = compare(oracle, actual);
    assertTrue(findings.stream().anyMatch(f -> f.section().equals("contract §1.6")
        && f.expected().equals("trailers") && f.actual().equals("no trailers")), findings.toString());
    assertEquals(List.of("data.framing", "send-data.outcome"), findings.stream().map(f -> f.rule().id()).toList());
  }

  @Test
  void aConnectionLeftOpenWhereTheReferenceClosesIsAFinding() {
    Side oracle = new Side().response().call(20, 0, false, NgError.CALLBACK_FAILURE, 1, 1).closed().noLog();
    Side actual = new Side().response().call(20, 0, false, NgError.CALLBACK_FAILURE, 1, 1).noLog();
    List<Finding> findings = compare(oracle, actual);
    Finding f = findings.stream().filter(x -> x.stream() == 0).findFirst().orElseThrow(() -> new AssertionError(findings));
    assertEquals("send-data.outcome", f.rule().id());
    assertEquals("the connection closed", f.expected());
  }

  @Test
  void noResponseAtAllIsAFinding() {
    Finding f = only(compare(reference(), new Side(false).noLog()), "send-data.outcome", "contract §2");
    assertEquals("nothing", f.actual());
  }

  @Test
  void aMissingOrUnreadableCallLogIsAFindingUnlessTheConnectionIsGone() {
    only(compare(reference(), reference().noLog()), "send-data.outcome", "contract §4");
    only(compare(reference(), reference().log("{\"stream\":1,\"calls\":[{\"seq\":\"x\"}]}")), "send-data.outcome", "contract §4");
    Side gone = new Side().response().data(20, 0, false).data(10, 5, true).closed().noLog();
    Side oracleGone = new Side().response().data(20, 0, false).data(10, 5, true).closed();
    assertEquals(List.of(), compare(oracleGone, gone));
  }

  @Test
  void aCallThatReturnedAnotherValueIsAFinding() {
    Side actual = new Side().response().data(20, 0, false, NgError.PAUSE, 1, 1).data(10, 5, true, 0, 2, 2);
    Finding f = only(compare(reference(), actual), "send-data.outcome", "contract §2");
    assertTrue(f.message().contains("send-data call 1"), f.toString());
    assertTrue(f.actual().contains("returned=PAUSE"), f.toString());
  }

  @Test
  void anotherNumberOfCallsIsAFinding() {
    Side actual = reference().call(0, 0, false, NgError.WOULDBLOCK, 3, 2);
    Finding f = only(compare(reference(), actual), "send-data.outcome", "contract §2");
    assertEquals("2 calls", f.expected());
    assertEquals("3 calls", f.actual());
  }

  @Test
  void theTargetsOwnLogIsHeldToTheWouldblockAndPauseRules() {
    // After WOULDBLOCK, the retry has the same frame and no new read (contract §2).
    Side oracle = new Side().response().call(20, 0, false, NgError.WOULDBLOCK, 1, 1).data(20, 0, false, 0, 2, 1)
        .data(10, 5, true, 0, 2, 2);
    Side otherRetry = new Side().response().call(20, 0, false, NgError.WOULDBLOCK, 1, 1).data(16, 0, false, 0, 2, 2)
        .data(14, 5, true, 0, 2, 3);
    assertTrue(compare(oracle, otherRetry).stream().anyMatch(f -> f.message().contains("did not retry the same frame")));
    Side readAgain = new Side().response().call(20, 0, false, NgError.WOULDBLOCK, 1, 1).data(20, 0, false, 0, 2, 2)
        .data(10, 5, true, 0, 2, 3);
    assertTrue(compare(oracle, readAgain).stream().anyMatch(f -> f.message().contains("read callback ran again")));
    // After PAUSE, the next call runs in a later send() call.
    Side pauseOracle = new Side().response().data(20, 0, false, NgError.PAUSE, 1, 1).data(10, 5, true, 0, 2, 2);
    Side pauseIgnored = new Side().response().data(20, 0, false, NgError.PAUSE, 1, 1).data(10, 5, true, 0, 1, 2);
    List<Finding> findings = compare(pauseOracle, pauseIgnored);
    assertTrue(findings.stream().anyMatch(f -> f.message().contains("send() went on after PAUSE")), findings.toString());
    assertEquals(List.of(), compare(pauseOracle, new Side().response().data(20, 0, false, NgError.PAUSE, 1, 1)
        .data(10, 5, true, 0, 2, 2)));
  }
}
