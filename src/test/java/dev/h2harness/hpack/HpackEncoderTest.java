package dev.h2harness.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoder policy: size updates, representation choice, Huffman choice, eviction. */
class HpackEncoderTest {

    private static final HeaderField CUSTOM = HeaderField.of("custom-key", "custom-value");

    @Test
    void loweredThenRaisedSizeSendsSmallestThenFinal() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        HpackDecoder decoder = new HpackDecoder(4096);
        decoder.decode(encoder.encode(List.of(CUSTOM)));
        assertEquals(54, decoder.dynamicTableSize());

        encoder.setMaxTableSize(0);
        encoder.setMaxTableSize(4096);
        byte[] block = encoder.encode(List.of(CUSTOM));
        // RFC 7541 §4.2: update to 0 (20), update to 4096 (3f e1 1f), then CUSTOM as a new
        // literal because the update to 0 evicted it.
        assertEquals("20" + "3fe11f" + "400a", Hex.string(block).substring(0, 12));
        assertEquals(List.of(CUSTOM), decoder.decode(block));
        assertEquals(List.of(CUSTOM), decoder.dynamicTableEntries());
        assertEquals(4096, decoder.dynamicTableCapacity());
    }

    @Test
    void severalLowerSizesSendOnlyTheFinalOne() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.setMaxTableSize(100);
        encoder.setMaxTableSize(50);
        assertEquals("3f13" + "82", Hex.string(encoder.encode(List.of(HeaderField.of(":method", "GET")))));
        assertEquals("82", Hex.string(encoder.encode(List.of(HeaderField.of(":method", "GET")))));
    }

    @Test
    void raisedThenLoweredSendsOnlyTheFinalSmallerSize() {
        HpackEncoder encoder = new HpackEncoder(256, false);
        encoder.setMaxTableSize(4096);
        encoder.setMaxTableSize(100);
        assertEquals("3f45", Hex.string(encoder.encode(List.of())));
    }

    @Test
    void sizeAboveTheDecodersSettingIsRejectedByTheDecoder() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.setMaxTableSize(8192);
        byte[] block = encoder.encode(List.of());
        HpackException e = assertThrows(HpackException.class,
                () -> new HpackDecoder(4096).decode(block));
        assertEquals(HpackException.Kind.TABLE_SIZE_UPDATE_TOO_LARGE, e.kind());
    }

    @Test
    void neverIndexedUsesLiteralEvenForStaticExactMatch() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        assertEquals("1203474554",
                Hex.string(encoder.encode(List.of(HeaderField.of(":method", "GET")), Indexing.NEVER_INDEXED)));
        assertEquals(0, encoder.dynamicTableSize());
    }

    @Test
    void withoutIndexingUsesExactMatchesButAddsNothing() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.encode(List.of(CUSTOM));
        assertEquals("be", Hex.string(encoder.encode(List.of(CUSTOM), Indexing.WITHOUT_INDEXING)));
        byte[] other = encoder.encode(List.of(HeaderField.of("custom-key", "x")), Indexing.WITHOUT_INDEXING);
        // RFC 7541 §6.2.2 with a 4-bit prefix: name index 62 is 0f 2f.
        assertEquals("0f2f0178", Hex.string(other));
        assertEquals(54, encoder.dynamicTableSize());
    }

    @Test
    void huffmanOnlyWhenNotLonger() {
        HpackEncoder encoder = new HpackEncoder(4096, true);
        // Octets 0xfe 0xff have 27- and 28-bit codes: Huffman would take 7 octets instead of 2.
        byte[] block = encoder.encode(List.of(HeaderField.of("x", "\u00fe\u00ff")), Indexing.WITHOUT_INDEXING);
        // Name "x" (7 bits) is Huffman (81 f3), the value is raw (02 fe ff).
        assertEquals("0081f302feff", Hex.string(block));
    }

    @Test
    void emptyStringsAreRaw() {
        HpackEncoder encoder = new HpackEncoder(4096, true);
        assertEquals("000000", Hex.string(encoder.encode(List.of(HeaderField.of("", "")), Indexing.WITHOUT_INDEXING)));
    }

    @Test
    void evictionKeepsEncoderAndDecoderInStep() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(100, false);
        HpackDecoder decoder = new HpackDecoder(100);
        HeaderField a = HeaderField.of("aaaa", "bbbb"); // 40
        HeaderField b = HeaderField.of("cccc", "dddd"); // 40
        HeaderField c = HeaderField.of("eeee", "ffff"); // 40, evicts a
        decoder.decode(encoder.encode(List.of(a, b, c)));
        assertEquals(List.of(c, b), decoder.dynamicTableEntries());
        assertEquals(80, encoder.dynamicTableSize());
        // b is now index 63; a must be sent as a literal again.
        byte[] block = encoder.encode(List.of(b, a));
        assertEquals("bf40", Hex.string(block).substring(0, 4));
        assertEquals(List.of(b, a), decoder.decode(block));
        assertEquals(List.of(a, c), decoder.dynamicTableEntries());
    }

    @Test
    void entryLargerThanTheTableEmptiesIt() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(64, false);
        HpackDecoder decoder = new HpackDecoder(64);
        decoder.decode(encoder.encode(List.of(HeaderField.of("a", "b"))));
        HeaderField big = HeaderField.of("big", "x".repeat(40));
        assertEquals(List.of(big), decoder.decode(encoder.encode(List.of(big))));
        assertEquals(List.of(), decoder.dynamicTableEntries());
        assertEquals(0, encoder.dynamicTableSize());
    }

    @Test
    void headerFieldSizeAndOctetCheck() {
        assertEquals(1 + 2 + 32, HeaderField.of("a", "\u00ff\u0000").size());
        assertThrows(IllegalArgumentException.class,
                () -> HeaderField.of("a", "\u0100"));
    }
}
