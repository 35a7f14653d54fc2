package dev.h2harness.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.hpack.HpackException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict decoding: each malformed block fails with its kind and the offset it starts at. */
class HpackDecoderErrorsTest {

    private static HpackException decodeFails(HpackDecoder decoder, String hex, Kind kind, int offset) {
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(Hex.bytes(hex)));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith(kind.section() + ": "), e.getMessage());
        return e;
    }

    private static HpackException decodeFails(String hex, Kind kind, int offset) {
        return decodeFails(new HpackDecoder(4096), hex, kind, offset);
    }

    @Test
    void emptyBlockIsAnEmptyList() throws HpackException {
        assertEquals(List.of(), new HpackDecoder(4096).decode(new byte[0]));
    }

    @Test
    void indexZero() {
        HpackException e = decodeFails("82 80", Kind.INDEX_ZERO, 1);
        assertTrue(e.getMessage().contains("§6.1"), e.getMessage());
    }

    @Test
    void index62WithEmptyDynamicTable() {
        decodeFails("82 be", Kind.INDEX_OUT_OF_RANGE, 1);
    }

    @Test
    void literalNameIndexBeyondTables() {
        // §6.2.1 literal with name index 62 while the dynamic table is empty.
        decodeFails("7e 01 61", Kind.INDEX_OUT_OF_RANGE, 0);
    }

    @Test
    void indexOfNewestDynamicEntryIsValidAndNextOneIsNot() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(List.of(HeaderField.of("a", "b"), HeaderField.of("a", "b")),
                decoder.decode(Hex.bytes("40 01 61 01 62 be")));
        decodeFails(decoder, "bf", Kind.INDEX_OUT_OF_RANGE, 0);
    }

    @Test
    void integerAboveIntMax() {
        // 127 + 127 + 127<<7 + 127<<14 + 127<<21 + 15<<28 > 2^31-1
        decodeFails("82 ff ff ff ff ff 0f", Kind.INTEGER_OVERFLOW, 1);
    }

    @Test
    void integerWithSixContinuationOctets() {
        decodeFails("82 ff 80 80 80 80 80 00", Kind.INTEGER_OVERFLOW, 1);
    }

    @Test
    void integersUpToIntMaxWithinFiveContinuationOctetsAreAccepted() throws HpackException {
        assertEquals(127, readInteger7("7f 80 80 80 80 00"));
        assertEquals(Integer.MAX_VALUE, readInteger7("7f 80 ff ff ff 07"));
        HpackException e = assertThrows(HpackException.class, () -> readInteger7("7f 81 ff ff ff 07"));
        assertEquals(Kind.INTEGER_OVERFLOW, e.kind());
    }

    private static int readInteger7(String hex) throws HpackException {
        byte[] in = Hex.bytes(hex);
        return new PrimitiveReader(in, 0, in.length).readInteger(7);
    }

    @Test
    void truncatedInteger() {
        decodeFails("82 ff", Kind.TRUNCATED, 1);
    }

    @Test
    void truncatedStringLiteral() {
        // New-name literal declaring a 10-octet name with 2 octets present.
        decodeFails("82 40 0a 63 75", Kind.TRUNCATED, 2);
    }

    @Test
    void literalMissingItsValue() {
        decodeFails("40 01 61", Kind.TRUNCATED, 3);
    }

    @Test
    void huffmanStringContainingEos() {
        // "aa" (00011 00011) then the 30-bit EOS: EOS starts in the second octet of the data.
        decodeFails("00 85 18 ff ff ff ff 01 61", Kind.HUFFMAN_EOS, 3);
    }

    @Test
    void huffmanPaddingOfEightBits() {
        // "012aceio" is exactly 40 bits; a further 0xff is 8 bits of padding.
        decodeFails("00 01 61 86 00 44 32 14 c7 ff", Kind.HUFFMAN_PADDING, 9);
    }

    @Test
    void huffmanPaddingWithAZeroBit() {
        // "a" (00011) padded with 101 instead of 111.
        decodeFails("00 01 61 81 1d", Kind.HUFFMAN_PADDING, 4);
    }

    @Test
    void huffmanPaddingOfSevenOnesIsAccepted() throws HpackException {
        // "012aceio" then "a" (00011) padded with 111, then a whole octet-aligned string.
        assertEquals(List.of(HeaderField.of("a", "012aceioa")),
                new HpackDecoder(4096).decode(Hex.bytes("00 01 61 86 00 44 32 14 c7 1f")));
    }

    @Test
    void sizeUpdateAboveAnnouncedMaximum() {
        decodeFails("3f e2 1f", Kind.TABLE_SIZE_UPDATE_TOO_LARGE, 0); // 4097
    }

    @Test
    void sizeUpdatesAtStartUpToTheMaximumAreAccepted() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(List.of(HeaderField.of(":method", "GET")), decoder.decode(Hex.bytes("20 3f e1 1f 82")));
        assertEquals(4096, decoder.dynamicTableCapacity());
    }

    @Test
    void sizeUpdateAfterAField() {
        decodeFails("82 20", Kind.TABLE_SIZE_UPDATE_NOT_AT_START, 1);
    }

    @Test
    void loweredSettingBoundsLaterUpdates() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096);
        decoder.setMaxTableSize(100);
        decodeFails(decoder, "3f 46", Kind.TABLE_SIZE_UPDATE_TOO_LARGE, 0); // 101
        decoder.decode(Hex.bytes("3f 45")); // 100
        assertEquals(100, decoder.dynamicTableCapacity());
    }

    @Test
    void headerListTooLargeStillUpdatesTheTable() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096);
        decoder.setMaxHeaderListSize(50);
        // :method GET (42), :scheme http (43), then literal a: b with incremental indexing.
        decodeFails(decoder, "82 86 40 01 61 01 62", Kind.HEADER_LIST_TOO_LARGE, 1);
        assertEquals(List.of(HeaderField.of("a", "b")), decoder.dynamicTableEntries());
        assertEquals(List.of(HeaderField.of("a", "b")), decoder.decode(Hex.bytes("be")));
    }

    @Test
    void offsetsAreRelativeToTheSlice() throws HpackException {
        byte[] buf = Hex.bytes("ff ff ff 82 80 ff");
        HpackException e = assertThrows(HpackException.class, () -> new HpackDecoder(4096).decode(buf, 3, 2));
        assertEquals(Kind.INDEX_ZERO, e.kind());
        assertEquals(1, e.offset());
        assertEquals(List.of(HeaderField.of(":method", "GET")), new HpackDecoder(4096).decode(buf, 3, 1));
    }
}
