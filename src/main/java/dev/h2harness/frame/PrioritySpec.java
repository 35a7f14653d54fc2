package dev.h2harness.frame;

/**
 * The 5-octet priority fields of PRIORITY and of HEADERS with the PRIORITY flag (RFC 9113 §5.3.2,
 * deprecated but still on the wire). {@code dependencyField} keeps the E bit as bit 31;
 * {@code weight} is the wire octet (weight minus one).
 */
public record PrioritySpec(int dependencyField, int weight) {
  public static PrioritySpec of(boolean exclusive, int dependency, int weight) {
    return new PrioritySpec((exclusive ? 0x80000000 : 0) | (dependency & 0x7fffffff), weight & 0xff);
  }

  public boolean exclusive() {
    return dependencyField < 0;
  }

  public int dependency() {
    return dependencyField & 0x7fffffff;
  }
}
