package dev.h2harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar h2harness.jar}. */
@Command(name = "h2harness", mixinStandardHelpOptions = true, version = "h2harness 0.1.0",
    description = "HTTP/2 conformance harness for DATA framing and nghttp2's NO_COPY send path.",
    subcommands = {ServeCommand.class})
public final class Main implements Runnable {
  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The configured command line: a user mistake is one line on stderr and exit 2, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println(cmd.getCommandName().equals("h2harness") ? "h2harness: " + ex.getMessage()
          : "h2harness " + cmd.getCommandName() + ": " + ex.getMessage() + " (see --help)");
      return 2;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
