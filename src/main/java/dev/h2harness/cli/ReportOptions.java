package dev.h2harness.cli;

import dev.h2harness.capture.PcapngWriter;
import dev.h2harness.capture.Recording;
import dev.h2harness.fuzz.Campaign;
import dev.h2harness.peer.Capture;
import dev.h2harness.report.RunSummary;
import dev.h2harness.report.ScenarioFileName;
import dev.h2harness.report.html.HtmlReport;
import dev.h2harness.scenario.ListenRunner;
import dev.h2harness.scenario.Scenario;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --html DIR} and {@code --pcap DIR|FILE}, shared by the commands that run scenarios. Each
 * scenario's capture is written as soon as its verdict is known, then dropped.
 */
public final class ReportOptions {
  @Option(names = "--html", paramLabel = "DIR", description = "write a static HTML report (frame ladder, annotated hex) into DIR")
  Path html;

  @Option(names = "--pcap", paramLabel = "DIR|FILE",
      description = "write each scenario's connection as pcapng: DIR/<scenario id>.pcapng, or FILE when one scenario runs")
  Path pcap;

  private HtmlReport report;
  /** Each scenario's capture until its verdict is known; scenarios may run on several threads at once. */
  private final Map<Scenario, Capture> captures = new ConcurrentHashMap<>();
  private String command = "check";
  private boolean targetIsServer = true;

  boolean wanted() {
    return html != null || pcap != null;
  }

  /** A usage mistake in these options for a run of {@code scenarios} scenarios, or null. */
  String problem(int scenarios) {
    if (pcap != null && isSingleFile(pcap) && scenarios != 1) {
      return "--pcap " + pcap + " names one file but " + scenarios + " scenarios run: give a folder";
    }
    if (html != null && Files.exists(html) && !Files.isDirectory(html)) return "--html " + html + " is a file, not a folder";
    return null;
  }

  private static boolean isSingleFile(Path p) {
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    return !Files.isDirectory(p) && (name.endsWith(".pcapng") || name.endsWith(".pcap"));
  }

  /** Collects each scenario's capture from {@code runner}; {@code command} names the run in the report. */
  void attach(ScenarioRunner runner, String command) throws IOException {
    attach(command, true, runner::onCapture);
  }

  /** The same for a run against clients ({@code listen}). */
  void attach(ListenRunner runner, String command) throws IOException {
    attach(command, false, runner::onCapture);
  }

  private void attach(String command, boolean targetIsServer,
                      Consumer<BiConsumer<Scenario, Capture>> onCapture) throws IOException {
    this.command = command;
    this.targetIsServer = targetIsServer;
    if (!wanted()) return;
    if (html != null) report = new HtmlReport(html, command);
    onCapture.accept(captures::put);
  }

  /** Writes what {@code r}'s connection left and returns {@code r}. */
  ScenarioResult after(ScenarioResult r) throws IOException {
    if (!wanted()) return r;
    Capture capture = captures.remove(r.scenario());
    Recording rec = capture == null ? null
        : Recording.of(r.scenario().id(), r.scenario().title(), targetIsServer, capture);
    Path file = null;
    if (pcap != null && rec != null) {
      file = isSingleFile(pcap) ? pcap : pcap.resolve(ScenarioFileName.of(r.scenario().id(), "pcapng"));
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      PcapngWriter.write(rec, file);
    }
    if (report != null) report.scenario(r, rec, file);
    return r;
  }

  /**
   * fuzz: the shrunk failing case, run once more with its capture kept; a report with no scenario
   * when the campaign passed.
   */
  void writeShrunk(ScenarioRunner runner, Campaign campaign, Campaign.Outcome outcome, String target) throws IOException {
    long began = System.nanoTime();
    attach(runner, "fuzz");
    List<ScenarioResult> results = outcome.passed() ? List.of()
        : List.of(after(campaign.run(outcome.failing(), "fuzz/shrunk")));
    finish(new RunSummary(target, results, System.nanoTime() - began));
  }

  /** The summary page, once every scenario ran. */
  void finish(RunSummary run) throws IOException {
    if (report != null) report.finish(run);
  }
}
