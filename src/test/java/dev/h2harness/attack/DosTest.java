package dev.h2harness.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerLimits;
import dev.h2harness.server.ServerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each published DoS pattern against the reference server, bounded in frames and seconds, with a
 * legitimate client on another address beside it: the server ends the attacking connection with
 * the expected code, within a bounded number of the attack's streams or frames, and serves the
 * other client during and after the attack without a failure.
 */
class DosTest {
  private static final long ENHANCE_YOUR_CALM = 0xb;
  private static final long SETTINGS_TIMEOUT = 0x4;
  /** The reset budget (200 at once) and the concurrent streams (100), with room for a batch. */
  private static final int MAX_STREAMS_TAKEN = 2 * (200 + 100 + 64);
  /** The stream-error budget (100 at once) and the concurrent streams (100), with room for a batch. */
  private static final int MAX_STREAMS_ERRORED = 2 * (100 + 100 + 64);
  private static final Duration LIMIT = Duration.ofSeconds(8);
  /** Each attack goes on, on new connections, for this long, so the other client is measured during it. */
  private static final Duration REPEAT = Duration.ofMillis(1000);
  private static ReferenceServer server;
  private static InetSocketAddress target;

  @BeforeAll
  static void start() throws Exception {
    server = ReferenceServer.start(ServerOptions.defaults().withLimits(ServerLimits.defaults()
        .withSettingsTimeout(Duration.ofSeconds(1)).withMaxConnectionsPerIp(40)));
    target = new InetSocketAddress("127.0.0.1", server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> streamAttacks() {
    return Stream.of(
        Arguments.of(new Attack.RapidReset(20_000)),
        Arguments.of(new Attack.MadeYouReset(Attack.MadeYouReset.Variant.WINDOW_UPDATE_ZERO, 20_000)),
        Arguments.of(new Attack.MadeYouReset(Attack.MadeYouReset.Variant.DATA_ON_HALF_CLOSED, 20_000)),
        Arguments.of(new Attack.MadeYouReset(Attack.MadeYouReset.Variant.PRIORITY_ON_ITSELF, 20_000)),
        Arguments.of(new Attack.StreamBurst(5_000)),
        Arguments.of(new Attack.ResetFlood(20_000)));
  }

  @ParameterizedTest
  @MethodSource("streamAttacks")
  void streamAttacksEndInEnhanceYourCalmWithinTheirBudget(Attack attack) throws Exception {
    AttackRun.Result r = AttackRun.run(attack, target, "/", LIMIT, REPEAT, 50);
    Outcome o = r.outcome();
    assertEquals(ENHANCE_YOUR_CALM, o.code(), o.summary());
    int bound = attack instanceof Attack.RapidReset ? MAX_STREAMS_TAKEN : MAX_STREAMS_ERRORED;
    assertTrue(o.lastStreamId() > 0 && o.lastStreamId() <= bound, o.summary());
    servedThroughout(r);
  }

  static Stream<Arguments> frameFloods() {
    return Stream.of(
        Arguments.of(new Attack.ContinuationFlood(200_000)),
        Arguments.of(new Attack.PingFlood(200_000)),
        Arguments.of(new Attack.SettingsFlood(200_000)),
        Arguments.of(new Attack.EmptyDataFlood(200_000)));
  }

  @ParameterizedTest
  @MethodSource("frameFloods")
  void frameFloodsEndInEnhanceYourCalmLongBeforeTheyRunOut(Attack attack) throws Exception {
    AttackRun.Result r = AttackRun.run(attack, target, "/", LIMIT, REPEAT, 50);
    Outcome o = r.outcome();
    assertEquals(ENHANCE_YOUR_CALM, o.code(), o.summary());
    // What was sent when GOAWAY arrived includes what sat in the socket buffers meanwhile.
    assertTrue(o.framesUntilEnd() < 200_000, o.summary());
    servedThroughout(r);
  }

  @Test
  void hugeHeaderListsHeldOpenEndEveryConnection() throws Exception {
    AttackRun.Result r = AttackRun.run(new Attack.HeaderListFlood(36_000, 99, 4), target, "/", LIMIT, REPEAT, 50);
    Outcome o = r.outcome();
    assertEquals(o.connections(), o.ended(), o.summary());
    assertEquals(ENHANCE_YOUR_CALM, o.code(), o.summary());
    servedThroughout(r);
  }

  @Test
  void connectionsThatOnlySendThePrefaceAreCappedAndTimedOut() throws Exception {
    AttackRun.Result r = AttackRun.run(new Attack.IdlePreface(60), target, "/", LIMIT, Duration.ZERO, 50);
    Outcome o = r.outcome();
    assertEquals(60, o.ended(), o.summary()); // 20 over the per-address cap at once, 40 by the timeout
    assertEquals(SETTINGS_TIMEOUT, o.code(), o.summary());
    assertEquals(40, o.goaways().get(SETTINGS_TIMEOUT), o.summary());
    servedThroughout(r);
  }

  private static void servedThroughout(AttackRun.Result r) {
    String all = r.outcome().summary() + "; baseline " + r.baseline() + "; during " + r.during() + "; after " + r.after();
    System.out.println("DosTest: " + r.outcome().attack() + ": " + all);
    assertTrue(r.baseline().requests() > 0 && r.baseline().failures() == 0, all);
    assertEquals(0, r.during().failures(), all);
    assertTrue(r.after().requests() > 0 && r.after().failures() == 0, all);
  }
}
