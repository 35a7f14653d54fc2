package dev.h2harness.report.html;

import dev.h2harness.frame.FrameHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The annotated hex of one frame: each octet coloured by the field it belongs to (the header's
 * Length, Type, Flags and Stream Identifier; Pad Length; priority; data; padding) and the offending
 * octet marked. Long payloads are shortened: the rows around the header, the offending octet and
 * the padding are shown, the rows between are counted.
 */
final class HexView {
  /** Rows of 16 octets always shown at the start, and at most shown around the end (padding). */
  static final int HEAD_ROWS = 4;
  static final int TAIL_ROWS = 17;

  private HexView() {}

  /** Field class names per octet of {@code octets}, a frame with its 9-octet header. */
  static String[] fields(FrameHeader h, byte[] octets) {
    String[] f = new String[octets.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = i < 3 ? "f-len" : i == 3 ? "f-type" : i == 4 ? "f-flags" : i < 9 ? "f-stream" : "f-data";
    }
    if (h == null) {
      Arrays.fill(f, "f-data");
      return f;
    }
    int end = Math.min(octets.length, 9 + h.length());
    int at = 9;
    int padLen = 0;
    boolean padded = (h.type() == 0 || h.type() == 1 || h.type() == 5) && (h.flags() & 0x8) != 0;
    if (padded && at < end) {
      f[at] = "f-padlen";
      padLen = octets[at] & 0xff;
      at++;
    }
    if (h.type() == 1 && (h.flags() & 0x20) != 0) { // HEADERS with PRIORITY: dependency, weight
      for (int i = 0; i < 5 && at < end; i++) f[at++] = "f-prio";
    }
    if (padded && padLen <= end - at) {
      for (int i = end - padLen; i < end; i++) f[i] = "f-pad";
    }
    return f;
  }

  static String legend() {
    return "<p class=\"legend\"><span class=\"f-len\">Length</span><span class=\"f-type\">Type</span>"
        + "<span class=\"f-flags\">Flags</span><span class=\"f-stream\">R + Stream Identifier</span>"
        + "<span class=\"f-padlen\">Pad Length</span><span class=\"f-prio\">Priority</span>"
        + "<span class=\"f-data\">data / fragment</span><span class=\"f-pad\">Padding</span>"
        + "<span class=\"offending\" style=\"background:#b3261e;color:#fff\">offending octet</span></p>";
  }

  /** @param offending absolute offset of the offending octet in the frame's direction, or -1 */
  static String render(LadderFrame frame, long offending) {
    byte[] o = frame.octets();
    String[] f = fields(frame.header(), o);
    int rows = (o.length + 15) / 16;
    int badRow = offending >= frame.offset() && offending < frame.offset() + o.length
        ? (int) ((offending - frame.offset()) / 16) : -1;
    List<Integer> shown = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      if (r < HEAD_ROWS || r >= rows - TAIL_ROWS || Math.abs(r - badRow) <= 1) shown.add(r);
    }
    StringBuilder b = new StringBuilder("<div class=\"hex\">");
    int last = -1;
    for (int r : shown) {
      if (r != last + 1) {
        b.append("<span class=\"off\">        … ").append((r - last - 1) * 16).append(" octets not shown</span>\n");
      }
      b.append("<span class=\"off\">").append(String.format("%08d", frame.offset() + r * 16L)).append("</span> ");
      for (int i = r * 16; i < Math.min(o.length, r * 16 + 16); i++) {
        boolean bad = frame.offset() + i == offending;
        b.append("<span class=\"").append(f[i]).append(bad ? " offending\" id=\"offending\" title=\"offending octet at byte "
            + offending + "\">" : "\">").append(String.format("%02x", o[i] & 0xff)).append("</span>").append(i % 16 == 7 ? "  " : " ");
      }
      b.append('\n');
      last = r;
    }
    if (frame.header() != null && o.length < 9 + frame.header().length()) {
      b.append("<span class=\"off\">        … the capture ends here (").append(9 + frame.header().length() - o.length)
          .append(" octets of the frame not kept)</span>\n");
    }
    return b.append("</div>").toString();
  }
}
