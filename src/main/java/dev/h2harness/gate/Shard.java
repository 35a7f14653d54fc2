package dev.h2harness.gate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;

/**
 * Shard {@code index} of {@code count} (1-based, as written {@code I/N}). A scenario belongs to the
 * shard given by a hash of its id, not by its position: adding a scenario to the catalogue never
 * moves another one to a different shard, so a CI matrix keeps its shards' histories comparable.
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N: " + index + "/" + count);
    }
  }

  /** Parses {@code I/N}; a bad value is an {@link IllegalArgumentException} with a one-line message. */
  public static Shard parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length != 2) throw new IllegalArgumentException("--shard must be I/N, e.g. 2/4: " + text);
    try {
      return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shard must be I/N, e.g. 2/4: " + text);
    }
  }

  public boolean selects(String id) {
    return count == 1 || Long.remainderUnsigned(hash(id), count) == index - 1;
  }

  /** The items of this shard, in their order. */
  public <T> List<T> of(List<T> items, Function<T, String> id) {
    return items.stream().filter(t -> selects(id.apply(t))).toList();
  }

  @Override public String toString() {
    return index + "/" + count;
  }

  /** The first 8 octets of SHA-256 of the id: the same on every JVM and machine. */
  static long hash(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) h = h << 8 | (d[i] & 0xff);
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
