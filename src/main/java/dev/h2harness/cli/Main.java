package dev.h2harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar h2harness.jar}. */
@Command(name = "h2harness", mixinStandardHelpOptions = true, version = "h2harness 0.1.0",
    subcommands = {CheckCommand.class, ListenCommand.class, FuzzCommand.class, ServeCommand.class, ReplayCommand.class,
        MergeCommand.class, ListCommand.class},
    description = "HTTP/2 conformance harness for DATA framing and nghttp2's NO_COPY send path.")
public final class Main implements Runnable {
  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line; a usage mistake is one line on stderr and exit code 2, never a stack trace. */
  static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((ex, a) -> {
      System.err.println("h2harness: " + ex.getMessage());
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      System.err.println("h2harness: internal error: " + ex);
      return 4;
    });
    String[] expanded;
    try {
      expanded = ConfigArgs.expand(cl, args);
    } catch (dev.h2harness.gate.ConfigFile.BadConfig e) {
      System.err.println("h2harness: --config " + e.getMessage());
      return 2;
    }
    return cl.execute(expanded);
  }
}
