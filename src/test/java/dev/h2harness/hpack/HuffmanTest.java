package dev.h2harness.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Appendix B table and the state-table decoder. */
class HuffmanTest {

    @Test
    void tableIsTheCanonicalCodeForItsLengths() {
        // RFC 7541 Appendix B is canonical: sorted by (length, symbol), each code is the
        // previous one plus one, shifted left by the growth in length. This catches any
        // mistyped code or length.
        Integer[] order = new Integer[257];
        for (int s = 0; s <= 256; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (x, y) -> Huffman.bitLength(x) != Huffman.bitLength(y)
                ? Integer.compare(Huffman.bitLength(x), Huffman.bitLength(y)) : Integer.compare(x, y));
        long next = 0;
        int previousLength = Huffman.bitLength(order[0]);
        for (int symbol : order) {
            next <<= Huffman.bitLength(symbol) - previousLength;
            previousLength = Huffman.bitLength(symbol);
            assertEquals(next, Huffman.code(symbol), "code of symbol " + symbol);
            next++;
        }
        assertEquals(1L << 30, next, "the code space is exactly filled");
        assertEquals(0x3fffffff, Huffman.code(Huffman.EOS));
        assertEquals(30, Huffman.bitLength(Huffman.EOS));
    }

    @Test
    void encodesRfcExamples() {
        assertEquals("f1e3c2e5f23a6ba0ab90f4ff", Hex.string(Huffman.encode("www.example.com")));
        assertEquals("a8eb10649cbf", Hex.string(Huffman.encode("no-cache")));
        assertEquals(12, Huffman.encodedLength("www.example.com"));
        assertEquals(0, Huffman.encodedLength(""));
    }

    @Test
    void everySingleOctetRoundTrips() throws HpackException {
        for (int c = 0; c < 256; c++) {
            String s = String.valueOf((char) c);
            byte[] coded = Huffman.encode(s);
            assertEquals(s, Huffman.decode(coded, 0, coded.length, 0), "octet " + c);
        }
    }

    @Test
    void allOctetsInOneString() throws HpackException {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 7);
        }
        String s = new String(all, StandardCharsets.ISO_8859_1);
        byte[] coded = Huffman.encode(s);
        assertEquals(Huffman.encodedLength(s), coded.length);
        assertEquals(s, Huffman.decode(coded, 0, coded.length, 0));
    }
}
