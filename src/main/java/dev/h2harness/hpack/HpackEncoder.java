package dev.h2harness.hpack;

import java.util.List;

/**
 * Encodes header lists into HPACK header blocks (RFC 7541), keeping the encoder's half of one
 * connection's compression context. Per field it prefers, in order: an exact static-table
 * match, an exact dynamic-table match, then a literal whose name comes from the static table,
 * the dynamic table, or the literal itself. Strings are Huffman-coded when enabled and the
 * result is not longer than the raw octets. Not thread-safe.
 */
public final class HpackEncoder {

    /**
     * RFC 9113 §6.5.2: the initial SETTINGS_HEADER_TABLE_SIZE. Written here as well as in
     * {@code frame.SettingsParameter} because this package knows nothing of SETTINGS; a test holds
     * the two equal.
     */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    private final DynamicTable table;
    private final boolean huffman;
    private boolean sizeUpdatePending;
    private int smallestPendingSize;
    private int finalPendingSize;

    public HpackEncoder() {
        this(DEFAULT_TABLE_SIZE, true);
    }

    /**
     * @param maxTableSize dynamic table size the encoder uses from the start, with no size
     *                     update emitted (the peer's decoder must allow at least this much)
     * @param huffman      whether strings may be Huffman-coded
     */
    public HpackEncoder(int maxTableSize, boolean huffman) {
        this.table = new DynamicTable(maxTableSize);
        this.huffman = huffman;
    }

    /** Encodes with {@link Indexing#INCREMENTAL}. */
    public byte[] encode(List<HeaderField> fields) {
        return encode(fields, Indexing.INCREMENTAL);
    }

    public byte[] encode(List<HeaderField> fields, Indexing indexing) {
        PrimitiveWriter out = new PrimitiveWriter();
        writePendingSizeUpdates(out);
        for (HeaderField field : fields) {
            writeField(out, field, indexing);
        }
        return out.toByteArray();
    }

    /**
     * Changes the dynamic table size; the next block starts with the Dynamic Table Size
     * Update(s) announcing it (RFC 7541 §4.2, §6.3).
     */
    public void setMaxTableSize(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize " + maxTableSize);
        }
        if (!sizeUpdatePending) {
            sizeUpdatePending = true;
            smallestPendingSize = maxTableSize;
        } else {
            smallestPendingSize = Math.min(smallestPendingSize, maxTableSize);
        }
        finalPendingSize = maxTableSize;
    }

    /** RFC 7541 §4.1: the current sum of dynamic table entry sizes. */
    public int dynamicTableSize() {
        return table.size();
    }

    private void writePendingSizeUpdates(PrimitiveWriter out) {
        if (!sizeUpdatePending) {
            return;
        }
        sizeUpdatePending = false;
        // RFC 7541 §4.2: when the size dropped and rose again between blocks, signal the
        // smallest value first so the decoder evicts as the encoder did, then the final one.
        if (smallestPendingSize < finalPendingSize) {
            writeSizeUpdate(out, smallestPendingSize);
        }
        writeSizeUpdate(out, finalPendingSize);
    }

    private void writeSizeUpdate(PrimitiveWriter out, int size) {
        // RFC 7541 §6.3: 001 pattern with a 5-bit prefix.
        out.writeInteger(0x20, 5, size);
        table.setCapacity(size);
    }

    private void writeField(PrimitiveWriter out, HeaderField field, Indexing indexing) {
        if (indexing != Indexing.NEVER_INDEXED) {
            int index = indexOf(field);
            if (index > 0) {
                // RFC 7541 §6.1: Indexed Header Field, 1 pattern with a 7-bit prefix.
                out.writeInteger(0x80, 7, index);
                return;
            }
        }
        int nameIndex = indexOfName(field.name());
        switch (indexing) {
            // RFC 7541 §6.2.1: 01 pattern with a 6-bit name-index prefix.
            case INCREMENTAL -> out.writeInteger(0x40, 6, nameIndex);
            // RFC 7541 §6.2.2: 0000 pattern with a 4-bit name-index prefix.
            case WITHOUT_INDEXING -> out.writeInteger(0x00, 4, nameIndex);
            // RFC 7541 §6.2.3: 0001 pattern with a 4-bit name-index prefix.
            case NEVER_INDEXED -> out.writeInteger(0x10, 4, nameIndex);
        }
        if (nameIndex == 0) {
            writeString(out, field.name());
        }
        writeString(out, field.value());
        if (indexing == Indexing.INCREMENTAL) {
            table.add(field);
        }
    }

    private int indexOf(HeaderField field) {
        int index = StaticTable.indexOf(field);
        if (index > 0) {
            return index;
        }
        int dynamic = table.indexOf(field);
        // RFC 7541 §2.3.3: dynamic entries follow the static table in the index space.
        return dynamic > 0 ? StaticTable.LENGTH + dynamic : 0;
    }

    private int indexOfName(String name) {
        int index = StaticTable.indexOfName(name);
        if (index > 0) {
            return index;
        }
        int dynamic = table.indexOfName(name);
        return dynamic > 0 ? StaticTable.LENGTH + dynamic : 0;
    }

    private void writeString(PrimitiveWriter out, String s) {
        boolean useHuffman = huffman && !s.isEmpty() && Huffman.encodedLength(s) <= s.length();
        out.writeString(s, useHuffman);
    }
}
