package dev.h2harness.hpack;

import java.util.Objects;

/**
 * A header field as HPACK sees it: a name and a value, each a sequence of octets stored one
 * octet per char (ISO-8859-1), so chars above {@code U+00FF} are rejected.
 */
public record HeaderField(String name, String value) {

    /** RFC 7541 §4.1: the per-entry overhead added to the name and value lengths. */
    public static final int ENTRY_OVERHEAD = 32;

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        requireOctets(name, "name");
        requireOctets(value, "value");
    }

    public static HeaderField of(String name, String value) {
        return new HeaderField(name, value);
    }

    /** RFC 7541 §4.1: name octets + value octets + 32; also the RFC 9113 §6.5.2 list measure. */
    public int size() {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }

    private static void requireOctets(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(
                        what + " has char U+" + Integer.toHexString(s.charAt(i))
                                + " at " + i + "; header strings hold octets as ISO-8859-1");
            }
        }
    }
}
