package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.peer.PaddingFaultProxy;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Findings, errors and flaky scenarios as GitHub Actions workflow commands on stdout. */
class AnnotationsTest {
  private static final String ONE = "padding/pad-2-small-body";

  @Test
  void eachFindingAndTheFlakyScenarioBecomeAnErrorCommand() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
         PaddingFaultProxy proxy = PaddingFaultProxy.everySecond(server.port())) {
      CliRun o = CliRun.of("check", "--target", "http://127.0.0.1:" + proxy.port(), "--only", ONE, "--repeat", "2",
          "--annotations", "github");
      assertEquals(1, o.code(), o.out() + o.err());
      List<String> commands = o.out().lines().filter(l -> l.startsWith("::")).toList();
      assertEquals(2, commands.size(), o.out());
      assertTrue(commands.get(0).startsWith("::error title=data.padding.nonzero::" + ONE + ": data.padding.nonzero ("),
          commands.get(0));
      assertTrue(commands.get(1).startsWith("::error title=flaky " + ONE + "::flaky " + ONE + ": "), commands.get(1));
    }
  }

  @Test
  void onByDefaultUnderGithubActionsAndOffWithNone() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
         PaddingFaultProxy proxy = PaddingFaultProxy.everySecond(server.port())) {
      List<String> args = List.of("check", "--target", "http://127.0.0.1:" + proxy.port(), "--only", ONE, "--repeat", "2");
      String auto = jar(args);
      assertTrue(auto.contains("::error title=data.padding.nonzero::"), auto);
      List<String> none = new ArrayList<>(args);
      none.addAll(List.of("--annotations", "none"));
      String off = jar(none);
      assertTrue(off.contains("flaky " + ONE), off);
      assertFalse(off.contains("::error"), off);
    }
  }

  @Test
  void unknownKindIsAUsageError() {
    CliRun o = CliRun.of("check", "--annotations", "gitlab");
    assertEquals(2, o.code());
    assertEquals("h2harness check: --annotations must be github or none: gitlab", o.err().strip());
  }

  /** Runs the shaded jar as a GitHub Actions step would (GITHUB_ACTIONS=true); its stdout. */
  private static String jar(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of(System.getProperty("h2harness.projectRoot", "."), "target", "h2harness.jar").toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GITHUB_ACTIONS", "true");
    Process p = pb.start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "h2harness did not end");
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
  }
}
