package dev.h2harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: options read from a YAML file ({@link ConfigArgs} expands them before
 * parsing); an option given on the command line wins over the file.
 */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "read options from a YAML file (e.g. "
      + "h2harness.yaml: target, path, timeout, only, expect-fail, reports: {junit, json}); an option on the "
      + "command line overrides the file's")
  Path config;
}
