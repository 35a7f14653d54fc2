package dev.h2harness.frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of octets with value equality, so that frames holding payloads can be records.
 * Slicing shares the underlying array; nothing ever writes to it after construction.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] array;
  private final int offset;
  private final int length;

  private Bytes(byte[] array, int offset, int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
  }

  /** A copy of {@code length} bytes of {@code src} from {@code offset}. */
  public static Bytes copyOf(byte[] src, int offset, int length) {
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(src, offset, offset + length), 0, length);
  }

  /** Takes ownership of {@code bytes} without copying: the caller must not change it afterwards. */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes, 0, bytes.length);
  }

  /** Takes ownership of a range of {@code bytes} without copying. */
  public static Bytes wrap(byte[] bytes, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    return new Bytes(bytes, offset, length);
  }

  public static Bytes zeros(int length) {
    return length == 0 ? EMPTY : new Bytes(new byte[length], 0, length);
  }

  public static Bytes ascii(String s) {
    return wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Parses hex digits; white space is ignored. */
  public static Bytes fromHex(String hex) {
    return wrap(HEX.parseHex(hex.replaceAll("\\s+", "")));
  }

  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  public byte get(int index) {
    java.util.Objects.checkIndex(index, length);
    return array[offset + index];
  }

  public int getUnsigned(int index) {
    return get(index) & 0xff;
  }

  /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), sharing this array. */
  public Bytes slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, length);
    return from == 0 && to == length ? this : new Bytes(array, offset + from, to - from);
  }

  public byte[] toArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  public void copyTo(byte[] dst, int dstOffset) {
    System.arraycopy(array, offset, dst, dstOffset, length);
  }

  /** Index of the first octet that is not zero, or -1: how non-zero padding is located. */
  public int indexOfNonZero() {
    for (int i = 0; i < length; i++) {
      if (array[offset + i] != 0) {
        return i;
      }
    }
    return -1;
  }

  public String hex() {
    return HEX.formatHex(array, offset, offset + length);
  }

  public String latin1() {
    return new String(array, offset, length, StandardCharsets.ISO_8859_1);
  }

  @Override public boolean equals(Object o) {
    return o instanceof Bytes b
        && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
  }

  @Override public int hashCode() {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + array[i];
    }
    return h;
  }

  @Override public String toString() {
    return length <= 32 ? "[" + hex() + "]" : "[" + slice(0, 32).hex() + "… " + length + " bytes]";
  }
}
