package dev.h2harness.control;

import dev.h2harness.hpack.HeaderField;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control parameters of a cooperating client (contract §5): the {@code h2h-} query parameters
 * of the URL it was given, with the same names, values and meanings as the control headers.
 */
public final class ClientControl {
  private ClientControl() {}

  /**
   * The controls a request path asks for, or null when its query has no {@code h2h-} parameter
   * (a generic scenario: the client does a plain GET).
   *
   * @throws ControlHeaderException for an unknown {@code h2h-} parameter or a malformed value
   */
  public static ControlHeaders fromPath(String path) throws ControlHeaderException {
    int q = path.indexOf('?');
    if (q < 0) return null;
    List<HeaderField> fields = new ArrayList<>();
    for (String kv : path.substring(q + 1).split("&")) {
      if (kv.isEmpty()) continue;
      int eq = kv.indexOf('=');
      String name = decode(eq < 0 ? kv : kv.substring(0, eq));
      if (!name.startsWith(ControlHeaders.PREFIX)) continue;
      fields.add(HeaderField.of(name, eq < 0 ? "" : decode(kv.substring(eq + 1))));
    }
    return ControlHeaders.parse(fields);
  }

  private static String decode(String s) throws ControlHeaderException {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ControlHeaderException("bad percent-encoding in \"" + s + "\"");
    }
  }
}
