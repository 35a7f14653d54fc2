package dev.h2harness.scenario;

import dev.h2harness.check.ConnectionModel;
import dev.h2harness.check.Finding;
import dev.h2harness.check.StreamView;
import dev.h2harness.peer.PeerResult;
import dev.h2harness.peer.StepFailure;
import dev.h2harness.peer.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live run adds to the rules, applied to a saved run of a known scenario: the oracle
 * comparison of a control-header scenario (the reference session runs the scenario now, in
 * memory) and the scenario's {@code expect:} block. The call logs are the bodies of the log
 * streams the runner requested, at the stream ids it always uses.
 */
public final class SavedRunCheck {
  private SavedRunCheck() {}

  /**
   * @param model the saved connection, already fed and finished
   * @param targetClosed whether the target ended the connection
   * @param bodies the DATA payload the target sent on each stream (log streams at least)
   */
  public static List<Finding> findings(Scenario s, ConnectionModel model, boolean targetClosed, Map<Integer, byte[]> bodies,
                                       int timeoutMillis) throws IOException {
    PeerResult peer = targetClosed
        ? new PeerResult(PeerResult.Outcome.CLOSED, -1,
            java.util.Optional.of(new StepFailure.TargetClosed("a saved capture")), bodies, 0)
        : PeerResult.completed(-1, bodies, 0);
    List<Finding> out = new ArrayList<>();
    if (s.control()) {
      ScenarioRunner runner = new ScenarioRunner(ScenarioRunner.IN_MEMORY_REFERENCE, timeoutMillis, false);
      ScenarioRunner.Run oracle;
      try (Transport ref = runner.reference().connect()) {
        oracle = runner.play(s, ref, runner.reference(), false, runner.budgetMillis());
      }
      Map<Integer, String> callLogs = new HashMap<>();
      int logStream = ScenarioRunner.nextFreeStream(s);
      for (int stream : s.controlStreams()) {
        byte[] body = bodies.get(logStream);
        StreamView v = model.stream(logStream);
        if (body != null && v != null && v.status() == 200 && v.endStreamSeen()) {
          callLogs.put(stream, new String(body, StandardCharsets.UTF_8));
        }
        logStream += 2;
      }
      ScenarioRunner.Run actual = new ScenarioRunner.Run(peer, model, List.of(), callLogs, null, null);
      out.addAll(new OracleComparison(s, oracle, actual).findings());
    }
    out.addAll(new ExpectationCheck(s.expect(), model, peer).findings());
    return out;
  }
}
