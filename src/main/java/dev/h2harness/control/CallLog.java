package dev.h2harness.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The send-data calls of one connection, by stream, served as JSON at {@code /h2h/log?stream=N}. */
public final class CallLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Streams whose calls are kept; older ones are forgotten so a long connection stays bounded. */
  static final int MAX_STREAMS = 10_000;

  private final Map<Integer, List<SendDataCall>> byStream = new LinkedHashMap<>() {
    @Override protected boolean removeEldestEntry(Map.Entry<Integer, List<SendDataCall>> eldest) {
      return size() > MAX_STREAMS;
    }
  };

  public void add(SendDataCall call) {
    byStream.computeIfAbsent(call.streamId(), k -> new ArrayList<>()).add(call);
  }

  public List<SendDataCall> calls(int streamId) {
    return List.copyOf(byStream.getOrDefault(streamId, List.of()));
  }

  public int count(int streamId) {
    return byStream.getOrDefault(streamId, List.of()).size();
  }

  /** {@code {"stream":N,"calls":[{...}]}}, one line. */
  public String toJson(int streamId) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("stream", streamId);
    doc.put("calls", calls(streamId));
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a log document as a target served it; the message of the exception says what was wrong. */
  public static List<SendDataCall> parse(String json) throws IllegalArgumentException {
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode calls = root == null ? null : root.get("calls");
      if (calls == null || !calls.isArray()) {
        throw new IllegalArgumentException("call log has no \"calls\" array");
      }
      List<SendDataCall> out = new ArrayList<>();
      for (JsonNode c : calls) {
        out.add(JSON.treeToValue(c, SendDataCall.class));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("call log is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
