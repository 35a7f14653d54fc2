package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.attack.Attack;
import dev.h2harness.attack.AttackRun;
import dev.h2harness.attack.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} as a process with a 256 MiB heap, as bench-dos.sh runs it: the attacks that aim at
 * memory (huge header lists held open on many connections, connections that send only the
 * preface) leave it serving, without OutOfMemoryError, and SIGTERM stops it.
 */
class ServeUnderAttackTest {
  @Test
  void memoryAttacksOnASmallHeapThenSigterm() throws Exception {
    ServeProcess serve = ServeProcess.startWithJvm(List.of("-Xmx256m"), "--port", "0", "--settings-timeout", "1",
        "--max-connections-per-ip", "50");
    boolean stopped = false;
    try {
      InetSocketAddress target = new InetSocketAddress("127.0.0.1", serve.port());
      AttackRun.Result headers = AttackRun.run(new Attack.HeaderListFlood(36_000, 99, 20), target, "/",
          Duration.ofSeconds(10), Duration.ofSeconds(2), 50);
      Outcome o = headers.outcome();
      assertEquals(o.connections(), o.ended(), o.summary());
      assertEquals(0, headers.during().failures(), headers.during().toString());
      AttackRun.Result idle = AttackRun.run(new Attack.IdlePreface(200), target, "/", Duration.ofSeconds(10),
          Duration.ZERO, 50);
      assertEquals(200, idle.outcome().ended(), idle.outcome().summary());
      assertEquals(0, idle.during().failures(), idle.during().toString());
      assertTrue(idle.after().requests() > 0 && idle.after().failures() == 0, idle.after().toString());
      stopped = serve.terminate(10);
      assertTrue(stopped, "SIGTERM stops serve");
      assertFalse(serve.stderr().contains("OutOfMemoryError"), serve.stderr());
    } finally {
      if (!stopped) serve.close();
    }
  }
}
