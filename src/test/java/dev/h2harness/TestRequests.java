package dev.h2harness;

import dev.h2harness.hpack.HeaderField;
import dev.h2harness.peer.RequestFields;
import java.util.List;

/** The request header lists tests send, written once (through {@link RequestFields}). */
public final class TestRequests {
  /** The {@code :authority} of a test request that does not care about it. */
  public static final String AUTHORITY = "test";

  private TestRequests() {}

  /** GET {@code path} at {@link #AUTHORITY} over h2c, then {@code extra}. */
  public static List<HeaderField> get(String path, HeaderField... extra) {
    return RequestFields.get(AUTHORITY, path, extra);
  }

  /** {@code method} {@code path} at {@code authority} over h2c, then {@code extra}. */
  public static List<HeaderField> request(String method, String authority, String path, HeaderField... extra) {
    return RequestFields.of(method, "http", authority, path, extra);
  }
}
