package dev.h2harness.cli;

import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: the catalogue, one scenario a line: id, RFC 9113 section (or what it covers), requirement. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Print the scenario catalogue: id, RFC 9113 section, requirement (or title).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "2:usage error (bad scenario file, --only matching nothing)"})
public final class ListCommand implements Callable<Integer> {
  @Option(names = "--scenarios", paramLabel = "DIR|FILE", description = "scenario files or folders instead of the built-in catalogue (repeatable)")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--only", paramLabel = "ID|PREFIX/|GLOB", description = "list only the scenario with this id, those under "
      + "a prefix ending in /, or those matching a glob, as in check (repeatable)")
  List<String> only = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  public ListCommand() {
    this(System.out, System.err);
  }

  ListCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override public Integer call() {
    List<Scenario> list;
    try {
      ScenarioLoader loader = new ScenarioLoader("/", "localhost");
      list = scenarios.isEmpty() ? Catalogue.builtIn(loader) : Catalogue.load(loader, scenarios, null);
    } catch (ScenarioException | IOException e) {
      err.println("h2harness list: " + e.getMessage());
      return 2;
    }
    String unmatched = ScenarioFilter.unmatched(list, only);
    if (unmatched != null) {
      err.println("h2harness list: --only " + unmatched + " matches no scenario (give an id, a prefix ending in /, or a glob)");
      return 2;
    }
    int shown = 0;
    for (Scenario s : ScenarioFilter.select(list, only)) {
      String section = s.section().isEmpty() ? s.covers() : "RFC 9113 §" + s.section();
      String text = s.requirement().isEmpty() ? s.title() : s.requirement();
      out.println(s.id() + "\t" + section + "\t" + text);
      shown++;
    }
    err.println(shown + " scenario" + (shown == 1 ? "" : "s"));
    return 0;
  }
}
