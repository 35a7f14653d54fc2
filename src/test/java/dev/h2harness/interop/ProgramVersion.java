package dev.h2harness.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A program's version as it prints it (e.g. {@code nginx -v}), or "unknown". */
final class ProgramVersion {
  private ProgramVersion() {}

  /** The first match of {@code regex}'s group 1 in what {@code command} prints (stdout and stderr). */
  static String of(List<String> command, String regex) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      Matcher m = Pattern.compile(regex).matcher(out);
      return m.find() ? m.group(1) : "unknown (" + out.strip() + ")";
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** A Debian package's installed version. */
  static String debian(String pkg) {
    return of(List.of("dpkg-query", "-W", "-f=${Version}\\n", pkg), "^(\\S+)");
  }
}
