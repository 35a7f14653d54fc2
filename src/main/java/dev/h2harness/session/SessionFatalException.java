package dev.h2harness.session;

/** {@link Session#memSend()} could not go on: nghttp2's fatal code, e.g. CALLBACK_FAILURE. */
public final class SessionFatalException extends RuntimeException {
  private final int code;

  public SessionFatalException(int code) {
    super("session failed: " + NgError.name(code));
    this.code = code;
  }

  public int code() {
    return code;
  }
}
