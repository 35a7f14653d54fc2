package dev.h2harness.report;

import dev.h2harness.check.Finding;
import dev.h2harness.scenario.ScenarioResult;
import dev.h2harness.scenario.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the shape of Surefire's schema: one testsuite, one testcase per scenario with
 * {@code classname} (h2harness.TOPIC) and {@code name} (the scenario id); failures carry the
 * findings, not-applicable scenarios are skipped with the reason, and {@code system-out} the frame log.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(RunSummary run, Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "h2harness");
      x.writeAttribute("tests", Integer.toString(run.results().size()));
      x.writeAttribute("failures", Long.toString(run.count(Verdict.FAIL)));
      x.writeAttribute("errors", Long.toString(run.count(Verdict.ERROR)));
      x.writeAttribute("skipped", Long.toString(run.count(Verdict.NOT_APPLICABLE)));
      x.writeAttribute("time", seconds(run.nanos()));
      x.writeCharacters("\n");
      x.writeStartElement("properties");
      x.writeEmptyElement("property");
      x.writeAttribute("name", "target");
      x.writeAttribute("value", run.target());
      x.writeEmptyElement("property");
      x.writeAttribute("name", "path");
      x.writeAttribute("value", JsonReport.pathOf(run.target()));
      x.writeEndElement();
      x.writeCharacters("\n");
      for (ScenarioResult r : run.results()) {
        testcase(x, r);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("could not write the JUnit report: " + e.getMessage(), e);
    }
  }

  private static void testcase(XMLStreamWriter x, ScenarioResult r) throws XMLStreamException {
    x.writeStartElement("testcase");
    x.writeAttribute("classname", "h2harness." + r.scenario().topic().replace('/', '.'));
    x.writeAttribute("name", r.scenario().id());
    x.writeAttribute("time", seconds(r.nanos()));
    switch (r.verdict()) {
      case FAIL -> {
        x.writeStartElement("failure");
        Finding first = r.findings().get(0);
        x.writeAttribute("message", first.rule().id() + ": " + first.message());
        x.writeAttribute("type", first.rule().id());
        x.writeCharacters(r.findings().stream().map(Finding::toString).collect(Collectors.joining("\n")));
        x.writeEndElement();
      }
      case NOT_APPLICABLE -> {
        x.writeStartElement("skipped");
        x.writeAttribute("message", "not applicable: " + r.reason());
        x.writeEndElement();
      }
      case ERROR -> {
        x.writeStartElement("error");
        x.writeAttribute("message", r.reason());
        x.writeAttribute("type", "error");
        x.writeEndElement();
      }
      case PASS -> { }
      case LENIENT -> {
        // A pass CI counts, but marked: the target reacted more weakly than RFC 9113 requires.
        x.writeStartElement("properties");
        x.writeEmptyElement("property");
        x.writeAttribute("name", "verdict");
        x.writeAttribute("value", "lenient");
        x.writeEmptyElement("property");
        x.writeAttribute("name", "lenient");
        x.writeAttribute("value", r.reason());
        x.writeEndElement();
      }
    }
    x.writeStartElement("system-out");
    x.writeCharacters((r.verdict() == Verdict.LENIENT ? r.reason() + "\n" : "") + r.scenario().title() + " ("
        + r.scenario().covers() + ")\n" + String.join("\n", r.frameLog()));
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }
}
