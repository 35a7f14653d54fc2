package dev.h2harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar h2harness.jar}. */
@Command(name = "h2harness", mixinStandardHelpOptions = true, version = "h2harness 0.1.0",
    description = "HTTP/2 conformance harness for DATA framing and nghttp2's NO_COPY send path.")
public final class Main implements Runnable {
  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
