package dev.h2harness.cli;

import dev.h2harness.gate.ConfigFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Expands {@code --config FILE} into the options it holds, placed after the subcommand's name and
 * before the command line's own, leaving out any the command line gives: the command line wins. A
 * key that no command knows is a mistake; a key of another command (a file shared by check and
 * fuzz) is left out.
 */
final class ConfigArgs {
  private ConfigArgs() {}

  static String[] expand(CommandLine root, String[] args) throws ConfigFile.BadConfig {
    int sub = -1;
    for (int i = 0; i < args.length && sub < 0; i++) {
      if (root.getSubcommands().containsKey(args[i])) sub = i;
    }
    if (sub < 0) return args;
    CommandSpec spec = root.getSubcommands().get(args[sub]).getCommandSpec();
    if (spec.findOption("--config") == null) return args;
    Path file = null;
    for (int i = sub + 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) file = Path.of(args[i + 1]);
      if (args[i].startsWith("--config=")) file = Path.of(args[i].substring("--config=".length()));
    }
    if (file == null) return args;
    List<String> given = Arrays.asList(args).subList(sub + 1, args.length);
    List<String> added = new ArrayList<>();
    for (ConfigFile.Entry e : ConfigFile.read(file)) {
      String name = "--" + e.key();
      OptionSpec option = spec.findOption(name);
      if (option == null) {
        if (e.key().equals("config")) throw new ConfigFile.BadConfig(file, e.line(), "config: a file cannot name another");
        boolean elsewhere = root.getSubcommands().values().stream()
            .anyMatch(c -> c.getCommandSpec().findOption(name) != null);
        if (!elsewhere) throw new ConfigFile.BadConfig(file, e.line(), e.key() + ": no such option");
        continue;
      }
      if (Arrays.stream(option.names()).anyMatch(n -> given.stream().anyMatch(a -> a.equals(n) || a.startsWith(n + "=")))) {
        continue;
      }
      if (e.list() && !option.isMultiValue()) {
        throw new ConfigFile.BadConfig(file, e.line(), e.key() + ": takes one value, not a list");
      }
      for (String v : e.values()) {
        if (option.arity().max() == 0) {
          if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigFile.BadConfig(file, e.line(), e.key() + ": expected true or false: " + v);
          }
          if (v.equals("true")) added.add(name);
        } else {
          added.add(name);
          added.add(v);
        }
      }
    }
    List<String> out = new ArrayList<>(Arrays.asList(args).subList(0, sub + 1));
    out.addAll(added);
    out.addAll(given);
    return out.toArray(String[]::new);
  }
}
