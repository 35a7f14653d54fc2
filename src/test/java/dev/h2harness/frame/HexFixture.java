package dev.h2harness.frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A golden frame file of {@code fixtures/frames} (format in its README.md): the octets, and the
 * {@code #! key = value} expectations with the line each came from.
 */
record HexFixture(String name, Map<String, String> expect, Map<String, Integer> lineOf, byte[] bytes) {
  private static final Pattern EXPECTATION = Pattern.compile("#!\\s*([a-z_]+)\\s*=(.*)");

  /** A fixture file that breaks the format; the message starts with {@code file:line:}. */
  static final class FormatException extends RuntimeException {
    FormatException(String name, int line, String what) {
      super(name + ":" + line + ": " + what);
    }
  }

  static Path directory() {
    String root = System.getProperty("h2harness.projectRoot", ".");
    return Path.of(root, "fixtures", "frames");
  }

  static HexFixture load(Path file) {
    try {
      return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HexFixture parse(String name, List<String> lines) {
    Map<String, String> expect = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean sawHex = false;
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("#!")) {
        Matcher m = EXPECTATION.matcher(trimmed);
        if (!m.matches()) {
          throw new FormatException(name, lineNo, "expectation is not '#! key = value': " + trimmed);
        }
        if (sawHex) {
          throw new FormatException(name, lineNo, "expectation after the first hex line: " + trimmed);
        }
        String key = m.group(1);
        if (expect.putIfAbsent(key, m.group(2).strip()) != null) {
          throw new FormatException(name, lineNo, "expectation '" + key + "' given twice (first on line "
              + lineOf.get(key) + ")");
        }
        lineOf.put(key, lineNo);
        continue;
      }
      int hash = line.indexOf('#');
      String hex = (hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", "");
      if (hex.isEmpty()) {
        continue;
      }
      for (int c = 0; c < hex.length(); c++) {
        if (Character.digit(hex.charAt(c), 16) < 0) {
          throw new FormatException(name, lineNo, "'" + hex.charAt(c) + "' is not a hex digit");
        }
      }
      if (hex.length() % 2 != 0) {
        throw new FormatException(name, lineNo, "odd number of hex digits (" + hex.length()
            + "): a line carries whole octets");
      }
      for (int c = 0; c < hex.length(); c += 2) {
        out.write(Integer.parseInt(hex, c, c + 2, 16));
      }
      sawHex = true;
    }
    if (!sawHex) {
      throw new FormatException(name, lines.size(), "no octets in the file");
    }
    return new HexFixture(name, Collections.unmodifiableMap(expect),
        Collections.unmodifiableMap(lineOf), out.toByteArray());
  }

  /** {@code name:line} of an expectation, for assertion messages. */
  String where(String key) {
    return name + ":" + lineOf.get(key);
  }
}
