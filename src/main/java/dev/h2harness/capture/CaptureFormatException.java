package dev.h2harness.capture;

/** A capture file that cannot be read: what is wrong and the byte offset in the file where. */
public final class CaptureFormatException extends Exception {
  private final long offset;

  public CaptureFormatException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** Offset of the first octet that could not be read, from the start of the file. */
  public long offset() {
    return offset;
  }
}
