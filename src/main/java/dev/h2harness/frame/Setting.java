package dev.h2harness.frame;

/** One SETTINGS parameter: a 16-bit identifier and an unsigned 32-bit value (RFC 9113 §6.5.1). */
public record Setting(int id, long value) {
  public Setting {
    if (id < 0 || id > 0xffff || value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException("setting out of range: id=" + id + " value=" + value);
    }
  }

  public Setting(SettingsParameter parameter, long value) {
    this(parameter.id, value);
  }

  /** The parameter this is, or null for an identifier RFC 9113 does not define. */
  public SettingsParameter parameter() {
    return SettingsParameter.of(id);
  }

  @Override public String toString() {
    return SettingsParameter.nameOf(id) + "=" + value;
  }
}
