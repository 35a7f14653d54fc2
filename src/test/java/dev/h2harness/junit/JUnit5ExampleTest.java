package dev.h2harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import dev.h2harness.peer.PaddingFaultProxy;
import dev.h2harness.server.ReferenceServer;
import dev.h2harness.server.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * examples/junit5 built and run offline with Maven against the jar this build made: the catalogue
 * runs through JUnit against its Netty server (one Surefire testcase per scenario, the control
 * scenarios skipped as not applicable), and the same tests fail against a server with a planted fault.
 */
class JUnit5ExampleTest {
  private static final String REPORT = "target/surefire-reports/TEST-example.Http2ConformanceTest.xml";

  @TempDir Path dir;

  @Test
  void theExampleRunsTheCatalogueAndFailsOnAPlantedFault() throws Exception {
    Path mvn = External.require("mvn", "builds examples/junit5");
    Path jar = External.projectRoot().resolve("target/h2harness.jar");
    assertTrue(Files.isRegularFile(jar), "the shaded jar is built at process-classes: " + jar);
    Path example = copy(External.projectRoot().resolve("examples/junit5"), dir.resolve("junit5"));
    List<String> ids = H2Harness.server(URI.create("http://127.0.0.1:1")).only("generic/", "padding/").scenarioIds();

    Build netty = maven(mvn, example, "-Dh2harness.jar=" + jar);
    assertEquals(0, netty.code(), netty.output());
    Element suite = report(example);
    List<Element> cases = testcases(suite);
    assertEquals(ids.size(), cases.size(), "one testcase per scenario");
    for (int i = 0; i < ids.size(); i++) {
      assertTrue(cases.get(i).getAttribute("name").startsWith(ids.get(i) + ": "), cases.get(i).getAttribute("name"));
    }
    assertEquals("0", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("errors"));
    long skipped = Long.parseLong(suite.getAttribute("skipped"));
    assertTrue(skipped > 0 && skipped < ids.size(), "control scenarios skipped, generic ones run: " + skipped);
    for (Element c : cases) {
      NodeList s = c.getElementsByTagName("skipped");
      if (s.getLength() > 0) {
        assertTrue(s.item(0).getTextContent().contains("not applicable: "), s.item(0).getTextContent());
      }
    }

    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
         PaddingFaultProxy faulty = PaddingFaultProxy.always(server.port())) {
      Build planted = maven(mvn, example, "-Dh2harness.jar=" + jar,
          "-Dh2harness.target=http://127.0.0.1:" + faulty.port());
      assertNotEquals(0, planted.code(), planted.output());
      Element failing = report(example);
      assertEquals(ids.size(), testcases(failing).size());
      assertTrue(Long.parseLong(failing.getAttribute("failures")) > 0, "failures");
      Element padding = testcases(failing).stream()
          .filter(c -> c.getAttribute("name").startsWith("padding/pad-2-small-body: ")).findFirst().orElseThrow();
      Element failure = (Element) padding.getElementsByTagName("failure").item(0);
      assertTrue(failure != null && failure.getTextContent().contains("data.padding.nonzero"), padding.getTextContent());
      assertTrue(failure.getTextContent().contains("frame log:"), failure.getTextContent());
    }
  }

  private record Build(int code, String output) {}

  private static Build maven(Path mvn, Path project, String... properties) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-o", "-q", "-B", "test"));
    cmd.addAll(List.of(properties));
    Path log = Files.createTempFile(project, "mvn", ".log");
    Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      boolean ended = p.waitFor(240, TimeUnit.SECONDS);
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(ended, "mvn did not end within 240 s: " + out);
      return new Build(p.exitValue(), out.length() > 20_000 ? out.substring(out.length() - 20_000) : out);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static Element report(Path project) throws Exception {
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.resolve(REPORT).toFile());
    return d.getDocumentElement();
  }

  private static List<Element> testcases(Element suite) {
    NodeList n = suite.getElementsByTagName("testcase");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < n.getLength(); i++) out.add((Element) n.item(i));
    return out;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }
}
