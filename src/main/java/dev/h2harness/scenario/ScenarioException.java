package dev.h2harness.scenario;

/** A scenario file is wrong: the message names the file, the line and the field. */
public final class ScenarioException extends Exception {
  public ScenarioException(String file, int line, String field, String message) {
    super(file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message);
  }
}
