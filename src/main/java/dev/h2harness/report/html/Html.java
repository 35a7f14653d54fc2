package dev.h2harness.report.html;

/** Escaping and the shared style sheet of the report's pages. */
final class Html {
  private Html() {}

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
        + "</title>\n<style>" + CSS + "</style></head>\n<body>\n" + body + "\n</body></html>\n";
  }

  static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
      code,pre,.mono,table.ladder td{font-family:ui-monospace,monospace;font-size:12.5px}
      table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
      tr:nth-child(even){background:#f6f6f6}
      .passed{color:#176b2c}.failed{color:#b3261e;font-weight:bold}.notApplicable{color:#777}.error{color:#a15c00;font-weight:bold}
      table.ladder td.peer{border-right:2px solid #888}table.ladder td.target{border-left:2px solid #888}
      table.ladder tr.finding{background:#ffd9d6;outline:2px solid #b3261e}
      .finding-box{border:1px solid #b3261e;background:#fff4f3;padding:.5em 1em;margin:.5em 0}
      .hex{font-family:ui-monospace,monospace;font-size:12.5px;white-space:pre;line-height:1.6}
      .hex span{padding:0 1px}.hex .off{color:#888}
      .f-len{background:#dbe9ff}.f-type{background:#e6dbff}.f-flags{background:#ffe9c2}.f-stream{background:#d7f5e3}
      .f-padlen{background:#ffc2e0}.f-data{background:#f2f2f2}.f-pad{background:#fff1a8}.f-prio{background:#cfe8e8}
      .hex .offending{background:#b3261e;color:#fff;font-weight:bold;outline:2px solid #000}
      .legend span{padding:0 .4em;margin-right:.4em}
      .filters label{margin-right:1em}
      #s-failed:checked~table tr.row:not(.st-failed),#s-passed:checked~table tr.row:not(.st-passed),
      #s-other:checked~table tr.row.st-passed,#s-other:checked~table tr.row.st-failed{display:none}
      """;
}
