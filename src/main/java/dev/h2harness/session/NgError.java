package dev.h2harness.session;

/** nghttp2's error codes (nghttp2.h), kept as the same numbers so that logs compare directly. */
public final class NgError {
  public static final int INVALID_ARGUMENT = -501;
  public static final int WOULDBLOCK = -504;
  public static final int PROTO = -505;
  public static final int INVALID_FRAME = -506;
  public static final int EOF = -507;
  public static final int DEFERRED = -508;
  public static final int STREAM_ID_NOT_AVAILABLE = -509;
  public static final int STREAM_CLOSED = -510;
  public static final int STREAM_CLOSING = -511;
  public static final int STREAM_SHUT_WR = -512;
  public static final int INVALID_STREAM_ID = -513;
  public static final int INVALID_STREAM_STATE = -514;
  public static final int DEFERRED_DATA_EXIST = -515;
  public static final int START_STREAM_NOT_ALLOWED = -516;
  public static final int GOAWAY_ALREADY_SENT = -517;
  public static final int INVALID_HEADER_BLOCK = -518;
  public static final int INVALID_STATE = -519;
  public static final int TEMPORAL_CALLBACK_FAILURE = -521;
  public static final int FRAME_SIZE_ERROR = -522;
  public static final int HEADER_COMP = -523;
  public static final int FLOW_CONTROL = -524;
  public static final int PAUSE = -526;
  public static final int DATA_EXIST = -529;
  public static final int SESSION_CLOSING = -530;
  public static final int REFUSED_STREAM = -533;
  public static final int INTERNAL = -534;
  public static final int CANCEL = -535;
  public static final int FATAL = -900;
  public static final int NOMEM = -901;
  public static final int CALLBACK_FAILURE = -902;
  public static final int BAD_CLIENT_MAGIC = -903;

  private NgError() {}

  /** nghttp2_is_fatal: codes below -900 end the session. */
  public static boolean isFatal(int code) {
    return code < FATAL;
  }

  /**
   * contract §2: what a send-data callback return does to the connection. WOULDBLOCK, PAUSE and
   * TEMPORAL_CALLBACK_FAILURE are handled per frame or stream, 0 is success; CALLBACK_FAILURE and
   * every other value end the session (nghttp2_session_mem_send_internal, NGHTTP2_OB_SEND_NO_COPY).
   */
  public static boolean isFatalSendDataReturn(int returned) {
    return switch (returned) {
      case 0, WOULDBLOCK, PAUSE, TEMPORAL_CALLBACK_FAILURE -> false;
      default -> true;
    };
  }

  public static String name(int code) {
    return switch (code) {
      case 0 -> "ok";
      case WOULDBLOCK -> "WOULDBLOCK";
      case DEFERRED -> "DEFERRED";
      case TEMPORAL_CALLBACK_FAILURE -> "TEMPORAL_CALLBACK_FAILURE";
      case PAUSE -> "PAUSE";
      case CANCEL -> "CANCEL";
      case CALLBACK_FAILURE -> "CALLBACK_FAILURE";
      case BAD_CLIENT_MAGIC -> "BAD_CLIENT_MAGIC";
      case STREAM_CLOSED -> "STREAM_CLOSED";
      case STREAM_CLOSING -> "STREAM_CLOSING";
      case INVALID_ARGUMENT -> "INVALID_ARGUMENT";
      case INVALID_STATE -> "INVALID_STATE";
      case DATA_EXIST -> "DATA_EXIST";
      default -> Integer.toString(code);
    };
  }
}
