package dev.h2harness.control;

/** A request's control headers are wrong; the message is the one-line reason a 400 carries. */
public final class ControlHeaderException extends Exception {
  public ControlHeaderException(String message) {
    super(message);
  }
}
