package dev.h2harness.scenario;

/**
 * The stable ids of the findings the scenario layer reports itself, beside those of the checks'
 * rules ({@link dev.h2harness.check.Rules}): what a scenario script, the oracle comparison and the
 * peer's waits establish, which the bytes alone do not.
 */
public final class ScenarioRules {
  /** contract §2: a sendData outcome (or the call log) that does not match the reference session's. */
  public static final String SEND_DATA_OUTCOME = "send-data.outcome";
  /** contract §1: a DATA frame whose shape differs from the reference session's. */
  public static final String DATA_FRAMING = "data.framing";
  /** The target closed the connection when the scenario did not expect it. */
  public static final String CONNECTION_UNEXPECTED_CLOSE = "connection.unexpected-close";
  /** The target did not answer in time (idle timeout or scenario budget). */
  public static final String TIMEOUT = "timeout";
  /** RFC 9113 §5.4.1: after a GOAWAY for a connection error the sender closes the connection. */
  public static final String CONNECTION_CLOSE_AFTER_GOAWAY = "connection.close-after-goaway";
  /** A scenario expected the target to close the connection (with no GOAWAY seen), and it did not. */
  public static final String CONNECTION_CLOSE = "connection.close";
  /** A scenario's own {@code expect:} block did not hold. */
  public static final String EXPECTATION = "expectation";
  /** RFC 9113 §6.5.3: the target never acknowledged the harness's SETTINGS. */
  public static final String SETTINGS_ACK = "settings.ack";

  private ScenarioRules() {}
}
