package dev.h2harness.gate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An {@code h2harness.yaml}: a mapping from long option names (without {@code --}) to a value or a
 * list of values, as a team would otherwise repeat them on every command line. Report files may sit
 * under {@code reports:} ({@code junit}, {@code json}, {@code html}, {@code pcap}). Each entry keeps
 * its line for messages.
 */
public final class ConfigFile {
  static final Set<String> REPORT_KEYS = Set.of("junit", "json", "html", "pcap");

  /** One setting: the option's long name, its values (one unless a YAML list), the line it is on. */
  public record Entry(String key, List<String> values, boolean list, int line) {}

  /** A config file that cannot be used: the message is one line, {@code FILE:LINE: what}. */
  public static final class BadConfig extends Exception {
    private static final long serialVersionUID = 1L;

    public BadConfig(Path file, int line, String message) {
      super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
  }

  private ConfigFile() {}

  public static List<Entry> read(Path file) throws BadConfig {
    Node root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new LoaderOptions()).compose(r);
    } catch (NoSuchFileException e) {
      throw new BadConfig(file, 0, "no such file");
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new BadConfig(file, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException | IOException e) {
      throw new BadConfig(file, 1, "cannot read: " + e.getMessage());
    }
    if (root == null) return List.of();
    if (!(root instanceof MappingNode top)) {
      throw new BadConfig(file, line(root), "expected a mapping of option names to values, e.g. target: http://127.0.0.1:8080");
    }
    List<Entry> entries = new ArrayList<>();
    for (NodeTuple t : top.getValue()) {
      String name = key(file, t.getKeyNode());
      if (entries.stream().anyMatch(e -> e.key().equals(name))) {
        throw new BadConfig(file, line(t.getKeyNode()), name + ": given twice");
      }
      String key = key(file, t.getKeyNode());
      if (key.equals("reports")) {
        if (!(t.getValueNode() instanceof MappingNode reports)) {
          throw new BadConfig(file, line(t.getValueNode()), "reports: expected a mapping of junit, json, html, pcap to files");
        }
        for (NodeTuple r : reports.getValue()) {
          String kind = key(file, r.getKeyNode());
          if (!REPORT_KEYS.contains(kind)) {
            throw new BadConfig(file, line(r.getKeyNode()), "reports." + kind + ": unknown report (junit, json, html or pcap)");
          }
          if (entries.stream().anyMatch(e -> e.key().equals(kind))) {
            throw new BadConfig(file, line(r.getKeyNode()), kind + ": given twice");
          }
          entries.add(entry(file, kind, r.getValueNode()));
        }
      } else {
        entries.add(entry(file, key, t.getValueNode()));
      }
    }
    return entries;
  }

  private static Entry entry(Path file, String key, Node value) throws BadConfig {
    if (value instanceof ScalarNode s) return new Entry(key, List.of(s.getValue()), false, line(value));
    if (value instanceof SequenceNode seq) {
      List<String> values = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof ScalarNode s)) throw new BadConfig(file, line(item), key + ": expected a list of values");
        values.add(s.getValue());
      }
      return new Entry(key, values, true, line(value));
    }
    throw new BadConfig(file, line(value), key + ": expected a value or a list of values");
  }

  private static String key(Path file, Node node) throws BadConfig {
    if (!(node instanceof ScalarNode s)) throw new BadConfig(file, line(node), "expected an option name");
    return s.getValue();
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }
}
