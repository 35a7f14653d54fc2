package dev.h2harness.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping table of docs/h2spec-mapping.md: rows {@code | `case` | title | `scenario`... | ...}.
 * The doc is the one place the mapping is written; this reads it, it does not repeat it.
 */
record CaseMapping(Map<String, Row> rows) {
  record Row(String h2specCase, String title, List<String> scenarios) {}

  private static final Pattern ROW =
      Pattern.compile("(?m)^\\| `((?:generic|http2|hpack)/[0-9./]+)` \\| ([^|]*) \\| ([^|]*) \\|");
  private static final Pattern SCENARIO = Pattern.compile("`(rfc9113/[^`]+)`");

  static CaseMapping read(Path doc) throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(Files.readString(doc));
    while (m.find()) {
      List<String> ids = new ArrayList<>();
      Matcher s = SCENARIO.matcher(m.group(3));
      while (s.find()) ids.add(s.group(1));
      rows.put(m.group(1), new Row(m.group(1), m.group(2).strip(), List.copyOf(ids)));
    }
    if (rows.isEmpty()) throw new IOException(doc + ": no mapping rows (| `http2/...` | title | `rfc9113/...` |)");
    return new CaseMapping(rows);
  }
}
