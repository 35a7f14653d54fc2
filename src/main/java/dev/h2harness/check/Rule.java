package dev.h2harness.check;

/**
 * A check on the target's bytes. The {@link ConnectionModel} calls every rule with each event,
 * before it applies the event to its state; a rule only reads the state and reports findings.
 */
public interface Rule {
  void check(ModelState state, CheckEvent event, FindingSink out);
}
