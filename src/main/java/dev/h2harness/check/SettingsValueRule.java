package dev.h2harness.check;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.ReadEvent;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;

/** RFC 9113 §6.5.2: SETTINGS values the receiver must treat as a connection error. */
final class SettingsValueRule implements Rule {
  @Override public String id() {
    return "settings";
  }

  @Override public void check(ModelState state, CheckEvent event, FindingSink out) {
    if (!(ReadEvents.of(event) instanceof ReadEvent.FrameRead r) || !(r.frame() instanceof Frame.Settings s)
        || s.isAck()) {
      return;
    }
    for (int i = 0; i < s.settings().size(); i++) {
      Setting p = s.settings().get(i);
      long at = r.offset() + 9 + 6L * i;
      String expected = null;
      String rule = null;
      if (p.id() == SettingsParameter.MAX_FRAME_SIZE && (p.value() < 16384 || p.value() > 16777215)) {
        // RFC 9113 §6.5.2: values outside 2^14..2^24-1 are a connection error PROTOCOL_ERROR.
        rule = Rules.SETTINGS_MAX_FRAME_SIZE;
        expected = "16384..16777215";
      } else if (p.id() == SettingsParameter.INITIAL_WINDOW_SIZE && p.value() > Integer.MAX_VALUE) {
        // RFC 9113 §6.5.2: above 2^31-1 is a connection error FLOW_CONTROL_ERROR.
        rule = Rules.SETTINGS_INITIAL_WINDOW_SIZE;
        expected = "at most 2147483647";
      } else if (p.id() == SettingsParameter.ENABLE_PUSH
          && (p.value() > 1 || (state.targetIsServer() && p.value() != 0))) {
        // RFC 9113 §6.5.2: only 0 or 1; a server that includes it must send 0.
        rule = Rules.SETTINGS_ENABLE_PUSH;
        expected = state.targetIsServer() ? "0 (from a server)" : "0 or 1";
      }
      if (rule != null) {
        out.report(rule, new Finding(rule, "RFC 9113 §6.5.2", 0, r.index(), at, expected, String.valueOf(p.value()),
            "SETTINGS_" + SettingsParameter.nameOf(p.id()) + " = " + p.value() + " is not a legal value",
            Direction.FROM_TARGET));
      }
    }
  }
}
