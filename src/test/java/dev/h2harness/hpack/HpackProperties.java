package dev.h2harness.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips through shared encoder/decoder contexts, and decoding arbitrary octets. */
class HpackProperties {

    /** One header block: table size changes announced before it, its fields, its literal mode. */
    record Step(List<Integer> sizeChanges, List<HeaderField> fields, Indexing indexing) {
    }

    @Property
    void decodeInvertsEncodeAcrossBlocks(@ForAll("steps") List<Step> steps,
            @ForAll boolean huffman) throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, huffman);
        HpackDecoder decoder = new HpackDecoder(4096);
        for (Step step : steps) {
            step.sizeChanges().forEach(encoder::setMaxTableSize);
            byte[] block = encoder.encode(step.fields(), step.indexing());
            assertEquals(step.fields(), decoder.decode(block));
            assertEquals(encoder.dynamicTableSize(), decoder.dynamicTableSize());
        }
    }

    @Property
    void arbitraryOctetsDecodeOrFailWithHpackException(
            @ForAll @Size(max = 8) List<@Size(max = 64) byte[]> blocks,
            @ForAll @IntRange(max = 4096) int maxTableSize) {
        HpackDecoder decoder = new HpackDecoder(maxTableSize);
        for (byte[] block : blocks) {
            try {
                decoder.decode(block);
            } catch (HpackException expected) {
                return; // the context is dead after a connection error
            }
        }
    }

    @Property
    void huffmanDecodeInvertsEncode(@ForAll("octets") String s) throws HpackException {
        byte[] coded = Huffman.encode(s);
        assertEquals(Huffman.encodedLength(s), coded.length);
        assertEquals(s, Huffman.decode(coded, 0, coded.length, 0));
    }

    @Property
    void integerDecodeInvertsEncode(@ForAll @IntRange(min = 1, max = 8) int prefixBits,
            @ForAll @IntRange(min = 0) int value) throws HpackException {
        PrimitiveWriter out = new PrimitiveWriter();
        out.writeInteger(0, prefixBits, value);
        byte[] bytes = out.toByteArray();
        PrimitiveReader in = new PrimitiveReader(bytes, 0, bytes.length);
        assertEquals(value, in.readInteger(prefixBits));
        assertEquals(bytes.length, in.offset());
    }

    @Provide
    Arbitrary<String> octets() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(80);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return step().list().ofMaxSize(12);
    }

    private Arbitrary<Step> step() {
        Arbitrary<Integer> sizeChange = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 300)),
                Tuple.of(1, Arbitraries.integers().between(0, 4096)));
        return Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.just(List.<Integer>of())),
                                Tuple.of(1, sizeChange.list().ofMinSize(1).ofMaxSize(3))),
                        fields().list().ofMaxSize(12),
                        Arbitraries.of(Indexing.class))
                .as(Step::new);
    }

    private Arbitrary<HeaderField> fields() {
        Arbitrary<String> shortOctets = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40);
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, shortOctets),
                Tuple.of(2, Arbitraries.of(StaticTable.ENTRIES).map(HeaderField::name)),
                Tuple.of(2, Arbitraries.of("x-a", "x-b", "x-c")));
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(3, shortOctets),
                Tuple.of(2, Arbitraries.of("", "GET", "200", "1", "2")));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(names, values).as(HeaderField::of)),
                Tuple.of(1, Arbitraries.of(StaticTable.ENTRIES)));
    }
}
