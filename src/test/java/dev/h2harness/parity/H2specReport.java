package dev.h2harness.parity;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * h2spec's JUnit report ({@code -j FILE}): one {@code testsuite} per section, its {@code package}
 * the section ("http2/6.5.3"); the case id is the section and the case's position in it, as h2spec
 * names cases on its command line ("http2/6.5.3/2").
 */
final class H2specReport {
  private H2specReport() {}

  static Map<String, Outcome> read(Path file) throws IOException {
    Map<String, Outcome> cases = new LinkedHashMap<>();
    try {
      // h2spec copies frame payloads into its messages raw (a PING's "h2spec\0\0"): characters
      // XML 1.0 forbids, dropped before parsing.
      String xml = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
      var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader(xml)));
      NodeList suites = doc.getElementsByTagName("testsuite");
      for (int i = 0; i < suites.getLength(); i++) {
        Element suite = (Element) suites.item(i);
        NodeList tests = suite.getElementsByTagName("testcase");
        for (int j = 0; j < tests.getLength(); j++) {
          cases.put(suite.getAttribute("package") + "/" + (j + 1), outcome((Element) tests.item(j)));
        }
      }
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException(file + ": not an h2spec JUnit report: " + e.getMessage(), e);
    }
    return cases;
  }

  private static Outcome outcome(Element test) {
    for (String tag : new String[] {"failure", "error"}) {
      NodeList n = test.getElementsByTagName(tag);
      if (n.getLength() > 0) return new Outcome(Outcome.Kind.FAILED, text((Element) n.item(0)));
    }
    NodeList skipped = test.getElementsByTagName("skipped");
    if (skipped.getLength() > 0) return new Outcome(Outcome.Kind.SKIPPED, text((Element) skipped.item(0)));
    return Outcome.passed();
  }

  private static String text(Element e) {
    String s = (e.getAttribute("message") + " " + e.getTextContent()).strip();
    return s.replaceAll("\\s+", " ");
  }
}
