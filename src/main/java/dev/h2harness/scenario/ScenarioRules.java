package dev.h2harness.scenario;

import dev.h2harness.check.RuleId;
import dev.h2harness.check.Rules;

/**
 * The stable ids of the findings the scenario layer reports itself, beside those of the checks'
 * rules ({@link dev.h2harness.check.Rules}): what a scenario script, the oracle comparison and the
 * peer's waits establish, which the bytes alone do not.
 */
public enum ScenarioRules implements RuleId {
  /** contract §2: a sendData outcome (or the call log) that does not match the reference session's. */
  SEND_DATA_OUTCOME("send-data.outcome"),
  /** contract §1: a DATA frame whose shape differs from the reference session's. */
  DATA_FRAMING("data.framing"),
  /** The target closed the connection when the scenario did not expect it. */
  CONNECTION_UNEXPECTED_CLOSE("connection.unexpected-close"),
  /** The target did not answer in time (idle timeout or scenario budget). */
  TIMEOUT("timeout"),
  /** RFC 9113 §5.4.1: after a GOAWAY for a connection error the sender closes the connection. */
  CONNECTION_CLOSE_AFTER_GOAWAY("connection.close-after-goaway"),
  /** A scenario expected the target to close the connection (with no GOAWAY seen), and it did not. */
  CONNECTION_CLOSE("connection.close"),
  /** A scenario's own {@code expect:} block did not hold. */
  EXPECTATION("expectation"),
  /** RFC 9113 §6.5.3: the target never acknowledged the harness's SETTINGS. */
  SETTINGS_ACK("settings.ack"),
  /** A scenario's {@code outcomes:}: a GOAWAY or RST_STREAM with another error code than they allow. */
  OUTCOME_ERROR_CODE("outcome.error-code"),
  /** A scenario's {@code outcomes:}: no listed reaction at all, or a response where an error was required. */
  OUTCOME_NONE("outcome.none");

  private final String id;

  ScenarioRules(String id) {
    this.id = id;
  }

  @Override public String id() {
    return id;
  }

  /** The id, so that a finding prints as it always has. */
  @Override public String toString() {
    return id;
  }

  /**
   * The id a saved report names: one of the checks' {@link Rules}, one of these, or, written by
   * another version of the harness, {@link RuleId.Unknown}.
   */
  public static RuleId parse(String id) {
    for (Rules r : Rules.values()) if (r.id().equals(id)) return r;
    for (ScenarioRules r : values()) if (r.id.equals(id)) return r;
    return new RuleId.Unknown(id);
  }
}
