package dev.h2harness.session;

import dev.h2harness.hpack.HeaderField;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9113 §8 rules for a received field section. Each check returns why the section is malformed
 * (a stream error of type PROTOCOL_ERROR, §8.1.1), or null when it is well formed.
 */
public final class HeaderRules {
  private static final Set<String> CONNECTION_SPECIFIC =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");
  private static final Set<String> REQUEST_PSEUDO = Set.of(":method", ":scheme", ":authority", ":path");

  private HeaderRules() {}

  public static String request(List<HeaderField> fields) {
    Set<String> seen = new HashSet<>();
    boolean regularSeen = false;
    String method = null;
    for (HeaderField f : fields) {
      String why = field(f);
      if (why != null) return why;
      String name = f.name();
      if (name.startsWith(":")) {
        // RFC 9113 §8.3: pseudo-header fields come first, once each, only those defined.
        if (regularSeen) return "pseudo-header " + name + " after a regular field (§8.3)";
        if (!REQUEST_PSEUDO.contains(name)) return "pseudo-header " + name + " not allowed in a request (§8.3.1)";
        if (!seen.add(name)) return "pseudo-header " + name + " repeated (§8.3)";
        if (name.equals(":method")) method = f.value();
        if (name.equals(":path") && f.value().isEmpty()) return ":path is empty (§8.3.1)";
      } else {
        regularSeen = true;
      }
    }
    if (method == null) return "request without :method (§8.3.1)";
    if (method.equals("CONNECT")) {
      // RFC 9113 §8.5: CONNECT carries :authority and omits :scheme and :path.
      if (seen.contains(":scheme") || seen.contains(":path")) return "CONNECT with :scheme or :path (§8.5)";
      if (!seen.contains(":authority")) return "CONNECT without :authority (§8.5)";
      return null;
    }
    if (!seen.contains(":scheme")) return "request without :scheme (§8.3.1)";
    if (!seen.contains(":path")) return "request without :path (§8.3.1)";
    return null;
  }

  public static String response(List<HeaderField> fields) {
    boolean regularSeen = false;
    boolean status = false;
    for (HeaderField f : fields) {
      String why = field(f);
      if (why != null) return why;
      if (f.name().startsWith(":")) {
        if (regularSeen) return "pseudo-header " + f.name() + " after a regular field (§8.3)";
        if (!f.name().equals(":status")) return "pseudo-header " + f.name() + " not allowed in a response (§8.3.2)";
        if (status) return ":status repeated (§8.3.2)";
        status = true;
      } else {
        regularSeen = true;
      }
    }
    return status ? null : "response without :status (§8.3.2)";
  }

  public static String trailers(List<HeaderField> fields) {
    for (HeaderField f : fields) {
      String why = field(f);
      if (why != null) return why;
      // RFC 9113 §8.1: trailers must not include pseudo-header fields.
      if (f.name().startsWith(":")) return "pseudo-header " + f.name() + " in trailers (§8.1)";
    }
    return null;
  }

  /** Rules for one field, whatever the section (§8.2, §8.2.1, §8.2.2). */
  private static String field(HeaderField f) {
    String name = f.name();
    if (name.isEmpty()) return "empty field name (§8.2.1)";
    int start = name.startsWith(":") ? 1 : 0;
    for (int i = start; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') return "field name " + name + " has uppercase characters (§8.2.1)";
      if (c <= 0x20 || c >= 0x7f || c == ':') return "field name " + name + " has an invalid character (§8.2.1)";
    }
    String value = f.value();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') return "field " + name + " has NUL, CR or LF in its value (§8.2.1)";
    }
    if (!value.isEmpty() && (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1)))) {
      return "field " + name + " value starts or ends with white space (§8.2.1)";
    }
    // RFC 9113 §8.2.2: connection-specific fields are malformed; TE may only say "trailers".
    if (CONNECTION_SPECIFIC.contains(name)) return "connection-specific field " + name + " (§8.2.2)";
    if (name.equals("te") && !value.equals("trailers")) return "te other than \"trailers\" (§8.2.2)";
    return null;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** True for a HEAD request, whose response has no content (RFC 9110 §9.3.2). */
  static boolean isHead(List<HeaderField> fields) {
    for (HeaderField f : fields) {
      if (f.name().equals(":method")) return f.value().equals("HEAD");
    }
    return false;
  }

  /** RFC 7541 §4.1: the list's size, each field's name and value octets plus 32. */
  static long listSize(List<HeaderField> fields) {
    long size = 0;
    for (HeaderField f : fields) size += f.size();
    return size;
  }

  /** The content-length value, -1 when absent; -2 when malformed or repeated inconsistently. */
  static long contentLength(List<HeaderField> fields) {
    long result = -1;
    for (HeaderField f : fields) {
      if (!f.name().equals("content-length")) continue;
      long v;
      try {
        v = Long.parseLong(f.value());
      } catch (NumberFormatException e) {
        return -2;
      }
      if (v < 0 || (result >= 0 && result != v)) return -2;
      result = v;
    }
    return result;
  }
}
