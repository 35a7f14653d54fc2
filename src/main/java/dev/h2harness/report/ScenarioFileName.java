package dev.h2harness.report;

/**
 * A scenario id as a relative file path: each {@code /}-separated part kept as a folder, any octet
 * outside {@code [A-Za-z0-9._-]} replaced by {@code _}, so {@code padding/pad-1} becomes
 * {@code padding/pad-1.pcapng}. Ids are stable, so are the names.
 */
public final class ScenarioFileName {
  private ScenarioFileName() {}

  public static String of(String id, String extension) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("/")) {
      String clean = part.replaceAll("[^A-Za-z0-9._-]", "_");
      if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) clean = "_" + clean.replace('.', '_');
      if (b.length() > 0) b.append('/');
      b.append(clean);
    }
    return b.append('.').append(extension).toString();
  }

  /** {@code ../} once per folder in {@code relative}: the way back to the report's root. */
  public static String up(String relative) {
    return "../".repeat((int) relative.chars().filter(c -> c == '/').count());
  }
}
