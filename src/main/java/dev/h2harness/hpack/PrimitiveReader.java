package dev.h2harness.hpack;

import java.nio.charset.StandardCharsets;

/**
 * Reads the RFC 7541 §5 primitive types (prefixed integers and string literals) from one
 * header block, reporting errors at offsets relative to the block's first octet.
 */
final class PrimitiveReader {

    /**
     * Continuation octets allowed after the prefix: five carry 35 bits, enough for any value
     * up to 2^31-1 plus a little zero padding, and no more.
     */
    static final int MAX_CONTINUATION_OCTETS = 5;

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    PrimitiveReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    /** Position relative to the start of the block. */
    int offset() {
        return pos - start;
    }

    int peek() {
        return buf[pos] & 0xFF;
    }

    /** RFC 7541 §5.1: an integer whose first octet keeps its value in the low prefixBits bits. */
    int readInteger(int prefixBits) throws HpackException {
        int first = pos;
        if (pos >= end) {
            throw truncated(first, "integer");
        }
        int mask = (1 << prefixBits) - 1;
        long value = buf[pos++] & mask;
        if (value < mask) {
            return (int) value;
        }
        // RFC 7541 §5.1: a prefix of all 1s is followed by 7-bit groups, least significant first.
        for (int shift = 0, octets = 0; ; shift += 7) {
            if (++octets > MAX_CONTINUATION_OCTETS) {
                throw new HpackException(HpackException.Kind.INTEGER_OVERFLOW, first - start,
                        "integer uses more than " + MAX_CONTINUATION_OCTETS + " continuation octets");
            }
            if (pos >= end) {
                throw truncated(first, "integer");
            }
            int octet = buf[pos++] & 0xFF;
            value += (long) (octet & 0x7F) << shift;
            if (value > Integer.MAX_VALUE) {
                throw new HpackException(HpackException.Kind.INTEGER_OVERFLOW, first - start,
                        "integer exceeds 2^31-1");
            }
            if ((octet & 0x80) == 0) {
                return (int) value;
            }
        }
    }

    /** RFC 7541 §5.2: H bit, 7-bit-prefix length, then that many octets, raw or Huffman. */
    String readString() throws HpackException {
        int first = pos;
        if (pos >= end) {
            throw truncated(first, "string literal");
        }
        boolean huffman = (peek() & 0x80) != 0;
        int length = readInteger(7);
        if (length > end - pos) {
            throw truncated(first, "string literal of " + length + " octets");
        }
        int from = pos;
        pos += length;
        if (huffman) {
            return Huffman.decode(buf, from, pos, start);
        }
        return new String(buf, from, length, StandardCharsets.ISO_8859_1);
    }

    private HpackException truncated(int first, String what) {
        return new HpackException(HpackException.Kind.TRUNCATED, first - start,
                what + " runs past the end of the header block");
    }
}
