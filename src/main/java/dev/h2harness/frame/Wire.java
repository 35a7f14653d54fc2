package dev.h2harness.frame;

/** Octet-level helpers shared by the frame records' payload writers. */
final class Wire {
  private Wire() {}

  static int padded(Padding p) {
    return p == null ? 0 : 1 + p.octets().length();
  }

  static void writePadded(byte[] out, int at, Padding pad, PrioritySpec prio, Bytes content) {
    if (pad != null) out[at++] = (byte) pad.padLength();
    if (prio != null) {
      writePriority(out, at, prio);
      at += 5;
    }
    content.copyTo(out, at);
    if (pad != null) pad.octets().copyTo(out, at + content.length());
  }

  static void writePriority(byte[] out, int at, PrioritySpec p) {
    int32(out, at, p.dependencyField());
    out[at + 4] = (byte) p.weight();
  }

  static void int32(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
  }
}
