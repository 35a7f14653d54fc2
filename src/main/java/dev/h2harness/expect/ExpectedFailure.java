package dev.h2harness.expect;

import java.util.regex.Pattern;

/**
 * One entry of an expectations file: the scenario id and the stack label it applies to (each an
 * exact value or a glob with {@code *} and {@code ?}), why it fails, and where that is explained.
 * {@code intermittent}: the target's bug is a race that shows in some runs only, so a pass is not
 * "the target was fixed" (as a web-platform-tests expectation of [PASS, FAIL]). {@code entry} is
 * its 1-based position in the file, for messages.
 */
public record ExpectedFailure(String scenario, String stack, String reason, String link, boolean intermittent,
                              int entry) {
  /** True when this entry covers {@code scenarioId} run against {@code stackLabel} ("" when none was given). */
  public boolean covers(String scenarioId, String stackLabel) {
    return glob(scenario).matcher(scenarioId).matches() && glob(stack).matcher(stackLabel).matches();
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
