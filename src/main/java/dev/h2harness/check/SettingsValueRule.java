package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;

/**
 * RFC 9113 §6.5.2: SETTINGS values the receiver must treat as a connection error. The ranges are
 * {@link SettingsParameter#problem}'s; this rule only names the finding.
 */
final class SettingsValueRule implements Rule {
  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(event.readEvent() instanceof ReadEvent.FrameRead r) || !(r.frame() instanceof Frame.Settings s)
        || s.isAck()) {
      return;
    }
    for (int i = 0; i < s.settings().size(); i++) {
      Setting p = s.settings().get(i);
      SettingsParameter.Problem problem = SettingsParameter.problem(p, state.targetIsServer());
      if (problem == null) continue;
      Rules rule = switch (p.parameter()) {
        case MAX_FRAME_SIZE -> Rules.SETTINGS_MAX_FRAME_SIZE;
        case INITIAL_WINDOW_SIZE -> Rules.SETTINGS_INITIAL_WINDOW_SIZE;
        case ENABLE_PUSH -> Rules.SETTINGS_ENABLE_PUSH;
        default -> null;
      };
      if (rule == null) continue;
      SettingsParameter param = p.parameter();
      String expected = param == SettingsParameter.ENABLE_PUSH && state.targetIsServer() ? "0 (from a server)"
          : param.min + ".." + param.max;
      long at = r.offset() + 9 + 6L * i;
      out.report(rule.id(), new Finding(rule, "RFC 9113 §6.5.2", 0, r.index(), at, expected, String.valueOf(p.value()),
          "SETTINGS_" + param.name() + " = " + p.value() + " is not a legal value", Direction.FROM_TARGET));
    }
  }
}
