package dev.h2harness.cli;

import dev.h2harness.peer.ClientListener;
import dev.h2harness.peer.Transport;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;

/**
 * One client scenario with the user's client command ({@code listen --client-cmd}, {@code fuzz
 * --role client}): start it with the scenario's URL, judge its connection, wait for its exit; every
 * wait bounded, the process tree killed when it overstays.
 */
public final class ClientScenarioRun {
  /** How long a started client may take to connect: at least this. */
  static final int CLIENT_START_MILLIS = 10_000;
  /** How long a client may take to exit once its connection has been judged: at least this. */
  static final int EXIT_MILLIS = 3_000;

  private ClientScenarioRun() {}

  /** One scenario with the user's client: start it, judge its connection, wait for its exit. */
  public static ScenarioResult run(Scenario s, String clientCmd, ClientListener listener, ListenRunner runner,
      int timeoutMillis) {
    long began = System.nanoTime();
    String url = listener.baseUrl() + s.clientPath();
    listener.drain();
    int patience = Math.max(CLIENT_START_MILLIS, timeoutMillis);
    try (ClientProcess client = ClientProcess.start(clientCmd, url)) {
      Transport t;
      try {
        t = acceptWhileAlive(listener, client, patience);
      } catch (IOException e) {
        return ListenRunner.couldNotRun(s, "could not run: " + e.getMessage() + "; " + client.finish(timeoutMillis),
            System.nanoTime() - began);
      }
      if (t == null) {
        String how = client.alive() ? "did not connect within " + patience + " ms" : "exited without connecting";
        return ListenRunner.couldNotRun(s, "could not run: the client " + how + "; " + client.finish(timeoutMillis),
            System.nanoTime() - began);
      }
      ScenarioResult r;
      try (t) {
        r = runner.judge(s, t, "");
      }
      // Its connection is over: a client has little left to do before it exits.
      String exit = client.finish(Math.max(EXIT_MILLIS, timeoutMillis));
      // The client's exit is part of a failure's or an error's story; a not-applicable reason stays shared.
      // How the client ended is part of every verdict but a not-applicable one, whose reason is shared.
      boolean tell = r.verdict() != Verdict.NOT_APPLICABLE;
      String reason = !tell ? r.reason() : r.reason().isEmpty() ? exit : r.reason() + "; " + exit;
      return new ScenarioResult(s, r.verdict(), reason,
          r.findings(), r.frameLog(), System.nanoTime() - began);
    } catch (IOException e) {
      return ListenRunner.couldNotRun(s, "could not run the client command: " + e.getMessage(), System.nanoTime() - began);
    }
  }

  /** The client's connection; null when it exits first or the time runs out. */
  private static Transport acceptWhileAlive(ClientListener listener, ClientProcess client, int millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      Transport t = listener.accept(100);
      if (t != null) return t;
      if (!client.alive()) return listener.accept(100);
      if (System.nanoTime() > deadline) return null;
    }
  }

}
