package dev.h2harness.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON report of {@code h2harness check --json}: each scenario's status and why it did not pass. */
final class HarnessReport {
  private HarnessReport() {}

  /** Scenario id → status ("passed", "lenient", "failed", "notApplicable", "error") and its reason. */
  record Result(String status, String reason) {}

  static Map<String, Result> read(Path file) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    if (doc == null || !doc.path("scenarios").isArray()) {
      throw new IOException(file + ": not an h2harness JSON report (no \"scenarios\" array)");
    }
    Map<String, Result> results = new LinkedHashMap<>();
    for (JsonNode s : doc.path("scenarios")) {
      results.put(s.path("id").asText(), new Result(s.path("status").asText(), reason(s)));
    }
    return results;
  }

  private static String reason(JsonNode s) {
    if (s.hasNonNull("reason") && !s.path("reason").asText().isEmpty()) return s.path("reason").asText();
    StringBuilder b = new StringBuilder();
    for (JsonNode f : s.path("findings")) {
      if (b.length() > 0) b.append("; ");
      b.append(f.path("message").asText());
    }
    return b.toString();
  }
}
