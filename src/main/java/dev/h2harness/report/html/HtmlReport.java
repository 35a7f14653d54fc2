package dev.h2harness.report.html;

import dev.h2harness.capture.Recording;
import dev.h2harness.report.RunSummary;
import dev.h2harness.report.ScenarioFileName;
import dev.h2harness.scenario.ScenarioResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the HTML report into a folder: {@code index.html} and {@code scenarios/<id>.html}. Pages
 * are written as scenarios finish, so a run keeps no more than one connection's octets for it.
 */
public final class HtmlReport {
  private final Path dir;
  private final String command;

  /** @param command what ran, for the title: {@code check}, {@code replay}, {@code fuzz} */
  public HtmlReport(Path dir, String command) throws IOException {
    this.dir = dir;
    this.command = command;
    Files.createDirectories(dir.resolve("scenarios"));
  }

  /**
   * One scenario's page.
   *
   * @param rec its connection, or null when none was captured
   * @param pcap the capture's path relative to the report folder, or null
   */
  public void scenario(ScenarioResult r, Recording rec, Path pcap) throws IOException {
    String relative = "scenarios/" + ScenarioFileName.of(r.scenario().id(), "html");
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    String up = ScenarioFileName.up(relative);
    String link = null;
    if (pcap != null) {
      link = file.getParent().toAbsolutePath().normalize().relativize(pcap.toAbsolutePath().normalize()).toString()
          .replace(File.separatorChar, '/');
    }
    Files.writeString(file, ScenarioPage.render(r, rec, up, link), StandardCharsets.UTF_8);
  }

  /** The summary page; call once, after every scenario. */
  public void finish(RunSummary run) throws IOException {
    Files.writeString(dir.resolve("index.html"), SummaryPage.render(run, command, Instant.now()), StandardCharsets.UTF_8);
  }
}
