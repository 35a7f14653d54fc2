package dev.h2harness.scenario;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Finds scenario files: the built-in catalogue (the {@code scenarios/} folder, packed in the jar) or the user's. */
public final class Catalogue {
  private Catalogue() {}

  /** The built-in server-role scenarios (those {@code check} runs), sorted by id. */
  public static List<Scenario> builtIn(ScenarioLoader loader) throws ScenarioException, IOException {
    return builtIn(loader, false);
  }

  /** The built-in scenarios of one role: client ({@code listen}) or server ({@code check}). */
  public static List<Scenario> builtIn(ScenarioLoader loader, boolean clientRole) throws ScenarioException, IOException {
    URL url = Catalogue.class.getClassLoader().getResource("scenarios");
    if (url == null) throw new IOException("the built-in scenario catalogue is missing from the classpath");
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if ("jar".equals(uri.getScheme())) {
      try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
        return load(loader, List.of(fs.getPath("/scenarios")), "scenarios/", clientRole);
      }
    }
    return load(loader, List.of(Path.of(uri)), "scenarios/", clientRole);
  }

  /** The server-role scenarios among files and folders, as {@link #load(ScenarioLoader, List, String, boolean)}. */
  public static List<Scenario> load(ScenarioLoader loader, List<Path> roots, String displayPrefix)
      throws ScenarioException, IOException {
    return load(loader, roots, displayPrefix, false);
  }

  /**
   * The scenarios of one role among files and folders (searched for {@code *.yaml} and
   * {@code *.yml}), sorted by id; ids are unique across both roles.
   */
  public static List<Scenario> load(ScenarioLoader loader, List<Path> roots, String displayPrefix, boolean clientRole)
      throws ScenarioException, IOException {
    List<Scenario> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) throw new IOException("no such scenario file or folder: " + root);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(p -> Files.isRegularFile(p) && p.toString().matches(".*\\.ya?ml$")).sorted().toList();
      }
      // Files are parsed in parallel, one loader per thread; errors and duplicates are reported in file order.
      ThreadLocal<ScenarioLoader> loaders = ThreadLocal.withInitial(loader::copy);
      List<Object> parsed = files.parallelStream().map(p -> {
        String name = displayPrefix == null ? p.toString()
            : displayPrefix + root.relativize(p).toString().replace('\\', '/');
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
          return (Object) loaders.get().load(name, r);
        } catch (ScenarioException | IOException e) {
          return e;
        }
      }).toList();
      for (int i = 0; i < files.size(); i++) {
        Object o = parsed.get(i);
        if (o instanceof ScenarioException e) throw e;
        if (o instanceof IOException e) throw e;
        Scenario s = (Scenario) o;
        if (!ids.add(s.id())) throw new ScenarioException(s.source(), 1, "id", "duplicate scenario id \"" + s.id() + "\"");
        if (s.clientRole() == clientRole) out.add(s);
      }
    }
    out.sort(Comparator.comparing(Scenario::id));
    return out;
  }
}
