package dev.h2harness.control;

import dev.h2harness.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;

/**
 * The control headers of one request (contract §4). {@code pad} is -1 for none, {@link #PAD_MAX}
 * for {@code max}; {@code chunk} is 0 when the read callback is not limited.
 */
public record ControlHeaders(long body, int chunk, int pad, List<SendDataOutcome> sendData, boolean trailers) {
  public static final String PREFIX = "h2h-";
  public static final int PAD_MAX = Integer.MAX_VALUE;
  /** The largest body a request may ask for: 1 TiB. */
  public static final long MAX_BODY = 1L << 40;
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[0-9]{1,13}");

  public ControlHeaders {
    sendData = List.copyOf(sendData);
  }

  /** True when a send-data return in the script ends the connection (contract §2). */
  public boolean endsConnection() {
    return sendData.stream().anyMatch(SendDataOutcome::isFatal);
  }

  /** A request's control headers, or null when it has none. */
  public static ControlHeaders parse(List<HeaderField> fields) throws ControlHeaderException {
    Long body = null;
    int chunk = 0;
    int pad = -1;
    List<SendDataOutcome> script = List.of();
    boolean trailers = false;
    boolean any = false;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (HeaderField f : fields) {
      if (!f.name().startsWith(PREFIX)) continue;
      any = true;
      if (!seen.add(f.name())) throw new ControlHeaderException(f.name() + ": given twice");
      String v = f.value().trim();
      switch (f.name()) {
        case "h2h-body" -> body = number(f.name(), v, MAX_BODY);
        case "h2h-chunk" -> {
          chunk = (int) number(f.name(), v, Integer.MAX_VALUE);
          if (chunk == 0) throw new ControlHeaderException("h2h-chunk: must be at least 1: \"" + v + "\"");
        }
        case "h2h-pad" -> pad = v.equals("max") ? PAD_MAX : (int) number(f.name(), v, Integer.MAX_VALUE - 1);
        case "h2h-send-data" -> script = outcomes(v);
        case "h2h-trailers" -> {
          if (!v.equals("yes") && !v.equals("no")) {
            throw new ControlHeaderException("h2h-trailers: expected \"yes\" or \"no\": \"" + v + "\"");
          }
          trailers = v.equals("yes");
        }
        case "h2h-version" -> { } // a client may echo it; it asks for nothing
        default -> throw new ControlHeaderException("unknown control header " + f.name());
      }
    }
    if (!any) return null;
    if (body == null) throw new ControlHeaderException("control headers without h2h-body");
    return new ControlHeaders(body, chunk, pad, script, trailers);
  }

  private static long number(String name, String v, long max) throws ControlHeaderException {
    if (!NUMBER.matcher(v).matches()) {
      throw new ControlHeaderException(name + ": not a non-negative integer: \"" + v + "\"");
    }
    long n = Long.parseLong(v);
    if (n > max) throw new ControlHeaderException(name + ": " + n + " is above " + max);
    return n;
  }

  private static List<SendDataOutcome> outcomes(String v) throws ControlHeaderException {
    List<SendDataOutcome> out = new ArrayList<>();
    for (String item : v.split(",", -1)) {
      SendDataOutcome o = SendDataOutcome.parse(item);
      if (o == null) {
        throw new ControlHeaderException("h2h-send-data: \"" + item.trim()
            + "\" is not ok, wouldblock, pause, temporal-failure, callback-failure or an integer");
      }
      out.add(o);
    }
    return out;
  }

  /** The request headers that ask for these controls (what a scripted peer sends). */
  public List<HeaderField> toFields() {
    List<HeaderField> out = new ArrayList<>();
    out.add(HeaderField.of("h2h-body", Long.toString(body)));
    if (chunk > 0) out.add(HeaderField.of("h2h-chunk", Integer.toString(chunk)));
    if (pad >= 0) out.add(HeaderField.of("h2h-pad", pad == PAD_MAX ? "max" : Integer.toString(pad)));
    if (!sendData.isEmpty()) {
      out.add(HeaderField.of("h2h-send-data", String.join(",", sendData.stream().map(SendDataOutcome::label).toList())));
    }
    if (trailers) out.add(HeaderField.of("h2h-trailers", "yes"));
    return out;
  }
}
