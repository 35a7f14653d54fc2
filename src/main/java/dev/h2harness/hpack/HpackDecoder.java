package dev.h2harness.hpack;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Strictly decodes HPACK header blocks (RFC 7541), keeping the decoder's half of one
 * connection's compression context. Any violation raises {@link HpackException}; after one
 * the context is unusable (a COMPRESSION_ERROR ends the connection), except for
 * {@link HpackException.Kind#HEADER_LIST_TOO_LARGE}, which is raised only after the whole block
 * was decoded. Not thread-safe.
 */
public final class HpackDecoder {

    private final DynamicTable table;
    private int maxTableSize;
    private int maxHeaderListSize = Integer.MAX_VALUE;

    /** @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE this side announced (4096 by default) */
    public HpackDecoder(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize " + maxTableSize);
        }
        this.table = new DynamicTable(maxTableSize);
        this.maxTableSize = maxTableSize;
    }

    public List<HeaderField> decode(byte[] block) throws HpackException {
        return decode(block, 0, block.length);
    }

    /** Decodes {@code block[offset, offset + length)}; error offsets are relative to {@code offset}. */
    public List<HeaderField> decode(byte[] block, int offset, int length) throws HpackException {
        Objects.checkFromIndexSize(offset, length, block.length);
        PrimitiveReader in = new PrimitiveReader(block, offset, length);
        List<HeaderField> fields = new ArrayList<>();
        long listSize = 0;
        int firstFieldOverLimit = -1;
        while (in.hasRemaining()) {
            int start = in.offset();
            int first = in.peek();
            HeaderField field;
            if ((first & 0x80) != 0) {
                // RFC 7541 §6.1: Indexed Header Field.
                field = lookup(in.readInteger(7), start);
            } else if ((first & 0x40) != 0) {
                // RFC 7541 §6.2.1: Literal Header Field with Incremental Indexing.
                field = readLiteral(in, 6, start);
                table.add(field);
            } else if ((first & 0x20) != 0) {
                readSizeUpdate(in, start, listSize > 0);
                continue;
            } else {
                // RFC 7541 §6.2.2 (0000) and §6.2.3 (0001): literals that are not indexed.
                field = readLiteral(in, 4, start);
            }
            listSize += field.size();
            if (listSize > maxHeaderListSize && firstFieldOverLimit < 0) {
                firstFieldOverLimit = start;
            }
            if (firstFieldOverLimit < 0) {
                // Past the limit the fields are decoded (the table must follow) but not kept:
                // a small block may expand to very many fields (CVE-2019-9516 family).
                fields.add(field);
            }
        }
        if (firstFieldOverLimit >= 0) {
            // The whole block was still decoded, so the dynamic table stays in step with the
            // encoder and the connection may continue after refusing the request.
            throw new HpackException(HpackException.Kind.HEADER_LIST_TOO_LARGE, firstFieldOverLimit,
                    "header list of " + listSize + " octets exceeds SETTINGS_MAX_HEADER_LIST_SIZE "
                            + maxHeaderListSize);
        }
        return fields;
    }

    /**
     * Sets the SETTINGS_HEADER_TABLE_SIZE this side announced: the largest size a Dynamic Table
     * Size Update may ask for. The table itself only changes when such an update arrives.
     */
    public void setMaxTableSize(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize " + maxTableSize);
        }
        this.maxTableSize = maxTableSize;
    }

    /** Sets the SETTINGS_MAX_HEADER_LIST_SIZE this side announced (RFC 9113 §6.5.2). */
    public void setMaxHeaderListSize(int maxHeaderListSize) {
        if (maxHeaderListSize < 0) {
            throw new IllegalArgumentException("maxHeaderListSize " + maxHeaderListSize);
        }
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /** RFC 7541 §4.1: the current sum of dynamic table entry sizes. */
    public int dynamicTableSize() {
        return table.size();
    }

    /** The maximum size the dynamic table currently has, as last set by a size update. */
    public int dynamicTableCapacity() {
        return table.capacity();
    }

    /** The dynamic table's entries, newest (index 62) first. */
    public List<HeaderField> dynamicTableEntries() {
        return table.entries();
    }

    private void readSizeUpdate(PrimitiveReader in, int start, boolean afterField)
            throws HpackException {
        if (afterField) {
            // RFC 7541 §4.2: a size update must come at the beginning of the header block.
            throw new HpackException(HpackException.Kind.TABLE_SIZE_UPDATE_NOT_AT_START, start,
                    "Dynamic Table Size Update after a header field representation");
        }
        // RFC 7541 §6.3: 001 pattern with a 5-bit prefix.
        int size = in.readInteger(5);
        if (size > maxTableSize) {
            throw new HpackException(HpackException.Kind.TABLE_SIZE_UPDATE_TOO_LARGE, start,
                    "Dynamic Table Size Update to " + size + " exceeds the announced limit "
                            + maxTableSize);
        }
        table.setCapacity(size);
    }

    private HeaderField readLiteral(PrimitiveReader in, int prefixBits, int start)
            throws HpackException {
        int nameIndex = in.readInteger(prefixBits);
        // RFC 7541 §6.2: name index 0 means the name follows as a string literal.
        String name = nameIndex == 0 ? in.readString() : lookup(nameIndex, start).name();
        String value = in.readString();
        return new HeaderField(name, value);
    }

    private HeaderField lookup(int index, int start) throws HpackException {
        if (index == 0) {
            // RFC 7541 §6.1: the index value of 0 is not used.
            throw new HpackException(HpackException.Kind.INDEX_ZERO, start,
                    "index 0 in an Indexed Header Field");
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.get(index);
        }
        int dynamic = index - StaticTable.LENGTH;
        if (dynamic > table.length()) {
            // RFC 7541 §2.3.3: an index beyond both tables is a decoding error.
            throw new HpackException(HpackException.Kind.INDEX_OUT_OF_RANGE, start,
                    "index " + index + " exceeds the " + StaticTable.LENGTH + " static and "
                            + table.length() + " dynamic entries");
        }
        return table.get(dynamic);
    }
}
