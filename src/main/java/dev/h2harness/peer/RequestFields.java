package dev.h2harness.peer;

import dev.h2harness.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;

/**
 * The header list of a request the harness sends: the four pseudo-header fields of RFC 9113
 * §8.3.1 in one order ({@code :method}, {@code :scheme}, {@code :authority}, {@code :path}), then
 * any others.
 */
public final class RequestFields {
  private RequestFields() {}

  public static List<HeaderField> of(String method, String scheme, String authority, String path, HeaderField... extra) {
    List<HeaderField> fields = new ArrayList<>(4 + extra.length);
    fields.add(HeaderField.of(":method", method));
    fields.add(HeaderField.of(":scheme", scheme));
    fields.add(HeaderField.of(":authority", authority));
    fields.add(HeaderField.of(":path", path));
    fields.addAll(List.of(extra));
    return List.copyOf(fields);
  }

  /** A GET of {@code path} over h2c. */
  public static List<HeaderField> get(String authority, String path, HeaderField... extra) {
    return of("GET", "http", authority, path, extra);
  }
}
