package dev.h2harness.expect;

/** An expectations file that cannot be read or is malformed; the message names the file and the entry. */
public final class ExpectationsException extends Exception {
  public ExpectationsException(String message) {
    super(message);
  }
}
