package dev.h2harness.hpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RFC 7541 Appendix B Huffman code: encoding, encoded length, and a strict decoder driven
 * by a precomputed state table that consumes four bits per step.
 */
final class Huffman {

    /** Symbol 256, the end-of-string code: thirty 1 bits. */
    static final int EOS = 256;

    /**
     * RFC 7541 Appendix B, as (code, bit length) pairs for symbols 0..256; codes are
     * right-aligned in an int, most significant bit first on the wire.
     */
    static final int[] CODE_TABLE = {
            0x1ff8, 13, 0x7fffd8, 23, 0xfffffe2, 28, 0xfffffe3, 28, // 0
            0xfffffe4, 28, 0xfffffe5, 28, 0xfffffe6, 28, 0xfffffe7, 28, // 4
            0xfffffe8, 28, 0xffffea, 24, 0x3ffffffc, 30, 0xfffffe9, 28, // 8
            0xfffffea, 28, 0x3ffffffd, 30, 0xfffffeb, 28, 0xfffffec, 28, // 12
            0xfffffed, 28, 0xfffffee, 28, 0xfffffef, 28, 0xffffff0, 28, // 16
            0xffffff1, 28, 0xffffff2, 28, 0x3ffffffe, 30, 0xffffff3, 28, // 20
            0xffffff4, 28, 0xffffff5, 28, 0xffffff6, 28, 0xffffff7, 28, // 24
            0xffffff8, 28, 0xffffff9, 28, 0xffffffa, 28, 0xffffffb, 28, // 28
            0x14, 6, 0x3f8, 10, 0x3f9, 10, 0xffa, 12, // 32
            0x1ff9, 13, 0x15, 6, 0xf8, 8, 0x7fa, 11, // 36
            0x3fa, 10, 0x3fb, 10, 0xf9, 8, 0x7fb, 11, // 40
            0xfa, 8, 0x16, 6, 0x17, 6, 0x18, 6, // 44
            0x0, 5, 0x1, 5, 0x2, 5, 0x19, 6, // 48
            0x1a, 6, 0x1b, 6, 0x1c, 6, 0x1d, 6, // 52
            0x1e, 6, 0x1f, 6, 0x5c, 7, 0xfb, 8, // 56
            0x7ffc, 15, 0x20, 6, 0xffb, 12, 0x3fc, 10, // 60
            0x1ffa, 13, 0x21, 6, 0x5d, 7, 0x5e, 7, // 64
            0x5f, 7, 0x60, 7, 0x61, 7, 0x62, 7, // 68
            0x63, 7, 0x64, 7, 0x65, 7, 0x66, 7, // 72
            0x67, 7, 0x68, 7, 0x69, 7, 0x6a, 7, // 76
            0x6b, 7, 0x6c, 7, 0x6d, 7, 0x6e, 7, // 80
            0x6f, 7, 0x70, 7, 0x71, 7, 0x72, 7, // 84
            0xfc, 8, 0x73, 7, 0xfd, 8, 0x1ffb, 13, // 88
            0x7fff0, 19, 0x1ffc, 13, 0x3ffc, 14, 0x22, 6, // 92
            0x7ffd, 15, 0x3, 5, 0x23, 6, 0x4, 5, // 96
            0x24, 6, 0x5, 5, 0x25, 6, 0x26, 6, // 100
            0x27, 6, 0x6, 5, 0x74, 7, 0x75, 7, // 104
            0x28, 6, 0x29, 6, 0x2a, 6, 0x7, 5, // 108
            0x2b, 6, 0x76, 7, 0x2c, 6, 0x8, 5, // 112
            0x9, 5, 0x2d, 6, 0x77, 7, 0x78, 7, // 116
            0x79, 7, 0x7a, 7, 0x7b, 7, 0x7ffe, 15, // 120
            0x7fc, 11, 0x3ffd, 14, 0x1ffd, 13, 0xffffffc, 28, // 124
            0xfffe6, 20, 0x3fffd2, 22, 0xfffe7, 20, 0xfffe8, 20, // 128
            0x3fffd3, 22, 0x3fffd4, 22, 0x3fffd5, 22, 0x7fffd9, 23, // 132
            0x3fffd6, 22, 0x7fffda, 23, 0x7fffdb, 23, 0x7fffdc, 23, // 136
            0x7fffdd, 23, 0x7fffde, 23, 0xffffeb, 24, 0x7fffdf, 23, // 140
            0xffffec, 24, 0xffffed, 24, 0x3fffd7, 22, 0x7fffe0, 23, // 144
            0xffffee, 24, 0x7fffe1, 23, 0x7fffe2, 23, 0x7fffe3, 23, // 148
            0x7fffe4, 23, 0x1fffdc, 21, 0x3fffd8, 22, 0x7fffe5, 23, // 152
            0x3fffd9, 22, 0x7fffe6, 23, 0x7fffe7, 23, 0xffffef, 24, // 156
            0x3fffda, 22, 0x1fffdd, 21, 0xfffe9, 20, 0x3fffdb, 22, // 160
            0x3fffdc, 22, 0x7fffe8, 23, 0x7fffe9, 23, 0x1fffde, 21, // 164
            0x7fffea, 23, 0x3fffdd, 22, 0x3fffde, 22, 0xfffff0, 24, // 168
            0x1fffdf, 21, 0x3fffdf, 22, 0x7fffeb, 23, 0x7fffec, 23, // 172
            0x1fffe0, 21, 0x1fffe1, 21, 0x3fffe0, 22, 0x1fffe2, 21, // 176
            0x7fffed, 23, 0x3fffe1, 22, 0x7fffee, 23, 0x7fffef, 23, // 180
            0xfffea, 20, 0x3fffe2, 22, 0x3fffe3, 22, 0x3fffe4, 22, // 184
            0x7ffff0, 23, 0x3fffe5, 22, 0x3fffe6, 22, 0x7ffff1, 23, // 188
            0x3ffffe0, 26, 0x3ffffe1, 26, 0xfffeb, 20, 0x7fff1, 19, // 192
            0x3fffe7, 22, 0x7ffff2, 23, 0x3fffe8, 22, 0x1ffffec, 25, // 196
            0x3ffffe2, 26, 0x3ffffe3, 26, 0x3ffffe4, 26, 0x7ffffde, 27, // 200
            0x7ffffdf, 27, 0x3ffffe5, 26, 0xfffff1, 24, 0x1ffffed, 25, // 204
            0x7fff2, 19, 0x1fffe3, 21, 0x3ffffe6, 26, 0x7ffffe0, 27, // 208
            0x7ffffe1, 27, 0x3ffffe7, 26, 0x7ffffe2, 27, 0xfffff2, 24, // 212
            0x1fffe4, 21, 0x1fffe5, 21, 0x3ffffe8, 26, 0x3ffffe9, 26, // 216
            0xffffffd, 28, 0x7ffffe3, 27, 0x7ffffe4, 27, 0x7ffffe5, 27, // 220
            0xfffec, 20, 0xfffff3, 24, 0xfffed, 20, 0x1fffe6, 21, // 224
            0x3fffe9, 22, 0x1fffe7, 21, 0x1fffe8, 21, 0x7ffff3, 23, // 228
            0x3fffea, 22, 0x3fffeb, 22, 0x1ffffee, 25, 0x1ffffef, 25, // 232
            0xfffff4, 24, 0xfffff5, 24, 0x3ffffea, 26, 0x7ffff4, 23, // 236
            0x3ffffeb, 26, 0x7ffffe6, 27, 0x3ffffec, 26, 0x3ffffed, 26, // 240
            0x7ffffe7, 27, 0x7ffffe8, 27, 0x7ffffe9, 27, 0x7ffffea, 27, // 244
            0x7ffffeb, 27, 0xffffffe, 28, 0x7ffffec, 27, 0x7ffffed, 27, // 248
            0x7ffffee, 27, 0x7ffffef, 27, 0x7fffff0, 27, 0x3ffffee, 26, // 252
            0x3fffffff, 30, // 256 (EOS)
    };

    // A decoding state is an internal node of the code tree; node 0 is the root. There are
    // 256 internal nodes because the 257-symbol code is complete.
    private static final int ROOT = 0;
    private static final int STATES = 256;
    // Transition entry layout: bits 0-7 next state, bit 8 a symbol was emitted, bits 9-16 the
    // symbol, bit 17 the EOS code was completed.
    private static final int EMITS = 1 << 8;
    private static final int SYMBOL_SHIFT = 9;
    private static final int HITS_EOS = 1 << 17;

    private static final int[] TRANSITIONS = new int[STATES * 16];
    /** For each state: how many bits it is below the root if they are all 1s, else -1. */
    private static final int[] ONES_DEPTH = new int[STATES];

    static {
        buildDecoder();
    }

    private Huffman() {
    }

    static int code(int symbol) {
        return CODE_TABLE[2 * symbol];
    }

    static int bitLength(int symbol) {
        return CODE_TABLE[2 * symbol + 1];
    }

    /** Octets the Huffman encoding of {@code s} occupies, padding included. */
    static int encodedLength(String s) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += bitLength(s.charAt(i));
        }
        return (int) ((bits + 7) >>> 3);
    }

    static byte[] encode(String s) {
        byte[] out = new byte[encodedLength(s)];
        int n = 0;
        long pending = 0;
        int pendingBits = 0;
        for (int i = 0; i < s.length(); i++) {
            int symbol = s.charAt(i);
            pending = (pending << bitLength(symbol)) | code(symbol);
            pendingBits += bitLength(symbol);
            while (pendingBits >= 8) {
                pendingBits -= 8;
                out[n++] = (byte) (pending >>> pendingBits);
            }
        }
        if (pendingBits > 0) {
            // RFC 7541 §5.2: pad with the most significant bits of EOS, i.e. 1 bits.
            out[n++] = (byte) ((pending << (8 - pendingBits)) | (0xFF >>> pendingBits));
        }
        return out;
    }

    /**
     * Decodes {@code buf[from, to)}. Error offsets are {@code position - base}, so callers pass
     * the index of the header block's first octet.
     */
    static String decode(byte[] buf, int from, int to, int base) throws HpackException {
        byte[] out = new byte[(int) ((to - from) * 8L / 5)];
        int n = 0;
        int state = ROOT;
        int symbolStart = from;
        for (int i = from; i < to; i++) {
            int octet = buf[i] & 0xFF;
            int t = TRANSITIONS[(state << 4) | (octet >>> 4)];
            if ((t & HITS_EOS) != 0) {
                throw eos(symbolStart - base);
            }
            if ((t & EMITS) != 0) {
                out[n++] = (byte) (t >>> SYMBOL_SHIFT);
                symbolStart = i;
            }
            state = t & 0xFF;
            t = TRANSITIONS[(state << 4) | (octet & 0x0F)];
            if ((t & HITS_EOS) != 0) {
                throw eos(symbolStart - base);
            }
            if ((t & EMITS) != 0) {
                out[n++] = (byte) (t >>> SYMBOL_SHIFT);
                symbolStart = (t & 0xFF) == ROOT ? i + 1 : i;
            }
            state = t & 0xFF;
        }
        int padding = ONES_DEPTH[state];
        if (padding < 0) {
            // RFC 7541 §5.2: padding not corresponding to the most significant bits of EOS.
            throw new HpackException(HpackException.Kind.HUFFMAN_PADDING, symbolStart - base,
                    "Huffman padding contains a 0 bit, so it is not a prefix of EOS");
        }
        if (padding > 7) {
            // RFC 7541 §5.2: padding strictly longer than 7 bits.
            throw new HpackException(HpackException.Kind.HUFFMAN_PADDING, symbolStart - base,
                    "Huffman padding of " + padding + " bits is longer than 7 bits");
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static HpackException eos(int offset) {
        // RFC 7541 §5.2: a string literal containing the EOS symbol is a decoding error.
        return new HpackException(HpackException.Kind.HUFFMAN_EOS, offset,
                "Huffman-encoded string contains the EOS symbol");
    }

    private static void buildDecoder() {
        // children[node][bit]: > 0 an internal node, < 0 the leaf -(symbol + 1), 0 unset.
        int[][] children = new int[STATES][2];
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int node = ROOT;
            for (int bit = bitLength(symbol) - 1; bit > 0; bit--) {
                int b = (code(symbol) >>> bit) & 1;
                if (children[node][b] == 0) {
                    children[node][b] = nodes++;
                }
                node = children[node][b];
            }
            children[node][code(symbol) & 1] = -(symbol + 1);
        }
        if (nodes != STATES) {
            throw new AssertionError("Huffman code table is not a complete prefix code");
        }
        for (int state = 0; state < STATES; state++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = state;
                int entry = 0;
                for (int bit = 3; bit >= 0; bit--) {
                    int child = children[node][(nibble >>> bit) & 1];
                    if (child >= 0) {
                        node = child;
                        continue;
                    }
                    int symbol = -child - 1;
                    if (symbol == EOS) {
                        entry |= HITS_EOS;
                        break;
                    }
                    // Codes are at least 5 bits long, so a nibble completes at most one symbol.
                    entry |= EMITS | (symbol << SYMBOL_SHIFT);
                    node = ROOT;
                }
                TRANSITIONS[(state << 4) | nibble] = entry | node;
            }
        }
        Arrays.fill(ONES_DEPTH, -1);
        int node = ROOT;
        for (int depth = 0; node >= 0 && depth < 30; depth++) {
            ONES_DEPTH[node] = depth;
            node = children[node][1];
        }
    }
}
