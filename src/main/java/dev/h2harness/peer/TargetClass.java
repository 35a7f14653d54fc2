package dev.h2harness.peer;

/** What answered at a target URL, found once per run before any scenario ({@link TargetProbe}). */
public sealed interface TargetClass {
  /**
   * An HTTP/2 server that answered the generic path with a 2xx status.
   *
   * @param honoursControl whether it answered {@code h2h-body: 0} with {@code h2h-version} (CONTRACT §4)
   * @param controlNote why the control headers count as not honoured, when they do not
   */
  record Http2(int status, boolean honoursControl, String controlNote) implements TargetClass {}

  /** Nothing the catalogue could be run against; {@code line} says what was seen, in one line. */
  record CouldNotRun(String line) implements TargetClass {}
}
