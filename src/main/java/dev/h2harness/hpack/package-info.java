/**
 * HPACK header compression for HTTP/2 (RFC 7541): the static and dynamic tables, the
 * primitive integer and string representations, the Huffman code, and a strict
 * {@link dev.h2harness.hpack.HpackDecoder} paired with a configurable
 * {@link dev.h2harness.hpack.HpackEncoder}.
 *
 * <p>This package owns the octets of header blocks only; it knows nothing about frames,
 * CONTINUATION splitting or SETTINGS exchange. Callers pass the negotiated
 * SETTINGS_HEADER_TABLE_SIZE in through {@code setMaxTableSize}; the default size is written here
 * as well as in {@code frame.SettingsParameter} (which this package must not know), and a test
 * holds the two equal. Header names and values are
 * {@link java.lang.String}s holding raw octets as ISO-8859-1 (one char per octet), so any octet
 * sequence survives a round trip.
 */
package dev.h2harness.hpack;
