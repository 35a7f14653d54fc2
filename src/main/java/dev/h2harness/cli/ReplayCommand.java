package dev.h2harness.cli;

import dev.h2harness.capture.CaptureFormatException;
import dev.h2harness.capture.PcapReader;
import dev.h2harness.capture.PcapngWriter;
import dev.h2harness.capture.Recording;
import dev.h2harness.capture.TcpReassembler;
import dev.h2harness.replay.Replayer;
import dev.h2harness.report.ConsoleReport;
import dev.h2harness.report.JUnitReport;
import dev.h2harness.report.JsonReport;
import dev.h2harness.report.RunSummary;
import dev.h2harness.report.html.HtmlReport;
import dev.h2harness.scenario.Catalogue;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioException;
import dev.h2harness.scenario.ScenarioLoader;
import dev.h2harness.scenario.ScenarioResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay}: check saved captures offline with the same rules as a live run. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Check saved captures (pcapng or pcap; one HTTP/2 connection each, TCP reassembled, both "
        + "directions) with the same rules as check. A folder means every .pcapng, .pcap and .cap file in it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every capture passed", "1:some capture has findings",
        "2:usage error or a capture that cannot be read (file and byte offset named)"})
public final class ReplayCommand implements Callable<Integer> {
  /** Which side of the connection is judged. */
  enum Role { server, client }

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "captures, or folders of captures")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--role", paramLabel = "server|client", defaultValue = "server",
      description = "the side judged: the server (default) or the client; the client is the side that sent the preface")
  Role role;

  @Option(names = "--json", paramLabel = "FILE", description = "write a JSON report")
  Path json;

  @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report")
  Path junit;

  @Option(names = "--html", paramLabel = "DIR", description = "write a static HTML report into DIR")
  Path html;

  @Option(names = {"-v", "--verbose"}, description = "print the frame log of every capture")
  boolean verbose;

  @Option(names = "--scenarios", paramLabel = "DIR|FILE",
      description = "scenario files a capture may name, besides the built-in catalogue (repeatable)")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "2",
      description = "seconds the reference session may take for a named control scenario (default: ${DEFAULT-VALUE})")
  double timeout;

  private Map<String, Scenario> catalogue;

  private final PrintStream out;
  private final PrintStream err;

  public ReplayCommand() {
    this(System.out, System.err);
  }

  ReplayCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override public Integer call() {
    List<Path> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          // A capture written by check --pcap DIR is named by its scenario id: keep the folders.
          s.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(pcapng|pcap|cap)$")).sorted()
              .forEach(f -> {
                files.add(f);
                names.add(p.relativize(f).toString().replace(File.separatorChar, '/'));
              });
        } catch (IOException e) {
          return usage(p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
        names.add(p.getFileName().toString());
      } else {
        return usage(p + ": no such file or folder");
      }
    }
    if (files.isEmpty()) return usage("no capture (.pcapng, .pcap, .cap) in " + inputs);
    if (!(timeout > 0) || timeout > 3600) return usage("--timeout must be between 0 and 3600 seconds: " + timeout);
    long began = System.nanoTime();
    List<ScenarioResult> results = new ArrayList<>();
    List<Recording> recordings = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      try {
        String name = names.get(i).replaceFirst("\\.(pcapng|pcap|cap)$", "");
        byte[] bytes = Files.readAllBytes(f);
        Recording r = TcpReassembler.reassemble(PcapReader.read(bytes), role == Role.server, name);
        Scenario named = namedScenario(bytes);
        Scenario s = named != null ? named : Replayer.scenarioFor(name, f.toString());
        results.add(Replayer.check(r, s, named != null, (int) Math.round(timeout * 1000)));
        recordings.add(html != null ? r : null);
      } catch (CaptureFormatException e) {
        return usage(f + " at byte " + e.offset() + ": " + e.getMessage());
      } catch (IOException e) {
        return usage(f + ": " + e.getMessage());
      } catch (ScenarioException e) {
        return usage(e.getMessage());
      }
    }
    RunSummary run = new RunSummary("captures judged as the " + role, results, System.nanoTime() - began);
    try {
      ConsoleReport.print(run, out, verbose);
      if (junit != null) JUnitReport.write(run, junit);
      if (json != null) JsonReport.write(run, json);
      if (html != null) {
        HtmlReport report = new HtmlReport(html, "replay");
        for (int i = 0; i < results.size(); i++) report.scenario(results.get(i), recordings.get(i), files.get(i));
        report.finish(run);
      }
    } catch (IOException e) {
      return usage("writing a report: " + e.getMessage());
    }
    return run.exitCode();
  }

  /**
   * The scenario a capture written by {@code check --pcap} or {@code listen --pcap} names in its
   * section comment, from the built-in catalogue of the judged role or {@code --scenarios}; null
   * when it names none, one not known here, or one of the other role (its expectations are about
   * the other side: the rules alone judge).
   */
  private Scenario namedScenario(byte[] file) throws ScenarioException, IOException {
    for (String c : PcapReader.sectionComments(file)) {
      if (!c.startsWith(PcapngWriter.SCENARIO_COMMENT)) continue;
      if (catalogue == null) {
        catalogue = new HashMap<>();
        ScenarioLoader loader = new ScenarioLoader("/", "localhost");
        for (Scenario s : Catalogue.builtIn(loader, role == Role.client)) catalogue.put(s.id(), s);
        if (!scenarios.isEmpty()) {
          for (Scenario s : Catalogue.load(loader, scenarios, null, role == Role.client)) catalogue.put(s.id(), s);
        }
      }
      Scenario s = catalogue.get(c.substring(PcapngWriter.SCENARIO_COMMENT.length()).trim());
      return s != null && s.clientRole() == (role == Role.client) ? s : null;
    }
    return null;
  }

  private int usage(String message) {
    err.println("h2harness replay: " + message);
    return 2;
  }
}
