package dev.h2harness.hpack;

import java.util.Arrays;

/** Writes the RFC 7541 §5 primitive types into a growing header block. */
final class PrimitiveWriter {

    private byte[] buf = new byte[64];
    private int length;

    /**
     * RFC 7541 §5.1: writes {@code value} with a prefixBits-bit prefix; {@code pattern} holds
     * the representation's leading bits above the prefix.
     */
    void writeInteger(int pattern, int prefixBits, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative HPACK integer " + value);
        }
        int mask = (1 << prefixBits) - 1;
        if (value < mask) {
            writeOctet(pattern | value);
            return;
        }
        writeOctet(pattern | mask);
        value -= mask;
        while (value >= 0x80) {
            writeOctet((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        writeOctet(value);
    }

    /** RFC 7541 §5.2: a string literal, Huffman-coded when {@code huffman} is true. */
    void writeString(String s, boolean huffman) {
        if (huffman) {
            byte[] coded = Huffman.encode(s);
            writeInteger(0x80, 7, coded.length);
            writeOctets(coded);
            return;
        }
        writeInteger(0x00, 7, s.length());
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[length++] = (byte) s.charAt(i);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    private void writeOctet(int octet) {
        ensure(1);
        buf[length++] = (byte) octet;
    }

    private void writeOctets(byte[] octets) {
        ensure(octets.length);
        System.arraycopy(octets, 0, buf, length, octets.length);
        length += octets.length;
    }

    private void ensure(int extra) {
        if (length + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + extra));
        }
    }
}
