package dev.h2harness.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every example of RFC 7541 Appendix C, in both directions: our encoder must emit the RFC's
 * octets, and our decoder must recover the RFC's header lists and dynamic tables from them.
 */
class HpackAppendixCTest {

    private static HeaderField f(String name, String value) {
        return HeaderField.of(name, value);
    }

    /** Encodes with a fresh encoder and decodes with a fresh decoder; returns the decoder. */
    private static HpackDecoder roundTripSingle(
            List<HeaderField> fields, Indexing indexing, String rfcHex) throws HpackException {
        byte[] expected = Hex.bytes(rfcHex);
        assertEquals(Hex.string(expected),
                Hex.string(new HpackEncoder(4096, false).encode(fields, indexing)));
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(fields, decoder.decode(expected));
        return decoder;
    }

    // C.1 integer examples

    @Test
    void c1_integers() throws HpackException {
        assertInteger(5, 10, "0a");      // C.1.1
        assertInteger(5, 1337, "1f9a0a"); // C.1.2
        assertInteger(8, 42, "2a");      // C.1.3
    }

    private static void assertInteger(int prefixBits, int value, String hex) throws HpackException {
        PrimitiveWriter out = new PrimitiveWriter();
        out.writeInteger(0, prefixBits, value);
        assertEquals(hex, Hex.string(out.toByteArray()));
        byte[] in = Hex.bytes(hex);
        PrimitiveReader reader = new PrimitiveReader(in, 0, in.length);
        assertEquals(value, reader.readInteger(prefixBits));
        assertEquals(in.length, reader.offset());
    }

    // C.2 header field representations

    @Test
    void c2_1_literalWithIndexing() throws HpackException {
        HpackDecoder d = roundTripSingle(List.of(f("custom-key", "custom-header")), Indexing.INCREMENTAL,
                "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        assertEquals(List.of(f("custom-key", "custom-header")), d.dynamicTableEntries());
        assertEquals(55, d.dynamicTableSize());
    }

    @Test
    void c2_2_literalWithoutIndexing() throws HpackException {
        HpackDecoder d = roundTripSingle(List.of(f(":path", "/sample/path")), Indexing.WITHOUT_INDEXING,
                "040c 2f73 616d 706c 652f 7061 7468");
        assertEquals(List.of(), d.dynamicTableEntries());
        assertEquals(0, d.dynamicTableSize());
    }

    @Test
    void c2_3_literalNeverIndexed() throws HpackException {
        HpackDecoder d = roundTripSingle(List.of(f("password", "secret")), Indexing.NEVER_INDEXED,
                "1008 7061 7373 776f 7264 0673 6563 7265 74");
        assertEquals(0, d.dynamicTableSize());
    }

    @Test
    void c2_4_indexedField() throws HpackException {
        HpackDecoder d = roundTripSingle(List.of(f(":method", "GET")), Indexing.INCREMENTAL, "82");
        assertEquals(0, d.dynamicTableSize());
    }

    // C.3 / C.4 requests

    private static final List<List<HeaderField>> REQUESTS = List.of(
            List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
                    f(":authority", "www.example.com")),
            List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
                    f(":authority", "www.example.com"), f("cache-control", "no-cache")),
            List.of(f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"),
                    f(":authority", "www.example.com"), f("custom-key", "custom-value")));

    private static final List<List<HeaderField>> REQUEST_TABLES = List.of(
            List.of(f(":authority", "www.example.com")),
            List.of(f("cache-control", "no-cache"), f(":authority", "www.example.com")),
            List.of(f("custom-key", "custom-value"), f("cache-control", "no-cache"),
                    f(":authority", "www.example.com")));

    private static final int[] REQUEST_TABLE_SIZES = {57, 110, 164};

    @Test
    void c3_requestsWithoutHuffman() throws HpackException {
        assertSequence(4096, false, REQUESTS, REQUEST_TABLES, REQUEST_TABLE_SIZES,
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    @Test
    void c4_requestsWithHuffman() throws HpackException {
        assertSequence(4096, true, REQUESTS, REQUEST_TABLES, REQUEST_TABLE_SIZES,
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    // C.5 / C.6 responses, dynamic table of 256 octets

    private static final String DATE_21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE_22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String LOCATION = "https://www.example.com";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    private static final List<List<HeaderField>> RESPONSES = List.of(
            List.of(f(":status", "302"), f("cache-control", "private"), f("date", DATE_21),
                    f("location", LOCATION)),
            List.of(f(":status", "307"), f("cache-control", "private"), f("date", DATE_21),
                    f("location", LOCATION)),
            List.of(f(":status", "200"), f("cache-control", "private"), f("date", DATE_22),
                    f("location", LOCATION), f("content-encoding", "gzip"), f("set-cookie", COOKIE)));

    private static final List<List<HeaderField>> RESPONSE_TABLES = List.of(
            List.of(f("location", LOCATION), f("date", DATE_21), f("cache-control", "private"),
                    f(":status", "302")),
            List.of(f(":status", "307"), f("location", LOCATION), f("date", DATE_21),
                    f("cache-control", "private")),
            List.of(f("set-cookie", COOKIE), f("content-encoding", "gzip"), f("date", DATE_22)));

    private static final int[] RESPONSE_TABLE_SIZES = {222, 222, 215};

    @Test
    void c5_responsesWithoutHuffman() throws HpackException {
        assertSequence(256, false, RESPONSES, RESPONSE_TABLES, RESPONSE_TABLE_SIZES,
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                        + " 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65"
                        + " 7861 6d70 6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                        + " 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157"
                        + " 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b"
                        + " 2076 6572 7369 6f6e 3d31");
    }

    @Test
    void c6_responsesWithHuffman() throws HpackException {
        assertSequence(256, true, RESPONSES, RESPONSE_TABLES, RESPONSE_TABLE_SIZES,
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                        + " 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                        + " 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27"
                        + " 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    }

    private static void assertSequence(int tableSize, boolean huffman, List<List<HeaderField>> lists,
            List<List<HeaderField>> tables, int[] sizes, String... rfcHex) throws HpackException {
        HpackEncoder encoder = new HpackEncoder(tableSize, huffman);
        HpackDecoder decoder = new HpackDecoder(tableSize);
        for (int i = 0; i < rfcHex.length; i++) {
            byte[] expected = Hex.bytes(rfcHex[i]);
            assertEquals(Hex.string(expected), Hex.string(encoder.encode(lists.get(i))), "block " + (i + 1));
            assertEquals(sizes[i], encoder.dynamicTableSize(), "encoder table size after block " + (i + 1));
            assertEquals(lists.get(i), decoder.decode(expected), "fields of block " + (i + 1));
            assertEquals(tables.get(i), decoder.dynamicTableEntries(), "table after block " + (i + 1));
            assertEquals(sizes[i], decoder.dynamicTableSize(), "table size after block " + (i + 1));
        }
    }
}
