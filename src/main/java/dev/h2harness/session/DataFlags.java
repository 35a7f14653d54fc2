package dev.h2harness.session;

/** The data flags a {@link DataSource} sets on its read (nghttp2_data_flag, contract §1.1). */
public final class DataFlags {
  public static final int EOF = 0x01;
  public static final int NO_END_STREAM = 0x02;
  public static final int NO_COPY = 0x04;

  private int bits;

  public void set(int flag) {
    bits |= flag;
  }

  public boolean has(int flag) {
    return (bits & flag) != 0;
  }

  public int bits() {
    return bits;
  }

  void clear() {
    bits = 0;
  }
}
