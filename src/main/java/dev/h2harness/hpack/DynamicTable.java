package dev.h2harness.hpack;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 7541 §2.3.2 dynamic table: a FIFO of header fields, newest at index 1, bounded by
 * the sum of entry sizes (§4.1) and evicting oldest-first (§4.4).
 */
final class DynamicTable {

    private HeaderField[] ring = new HeaderField[16];
    private int head; // slot of the newest entry
    private int count;
    private int size;
    private int capacity;

    DynamicTable(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    int length() {
        return count;
    }

    /** RFC 7541 §4.1: the sum of the sizes of the entries. */
    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** The entry at a 1-based index, 1 being the most recently added. */
    HeaderField get(int index) {
        if (index < 1 || index > count) {
            throw new IndexOutOfBoundsException(index);
        }
        return ring[(head + index - 1) & (ring.length - 1)];
    }

    /** RFC 7541 §4.3: a new maximum size evicts entries until the table fits. */
    void setCapacity(int newCapacity) {
        if (newCapacity < 0) {
            throw new IllegalArgumentException("capacity " + newCapacity);
        }
        capacity = newCapacity;
        evictUntilFits(0);
    }

    /**
     * RFC 7541 §4.4: evict until the entry fits, then add it; an entry larger than the
     * capacity empties the table and is not added.
     */
    void add(HeaderField field) {
        int entrySize = field.size();
        evictUntilFits(entrySize);
        if (entrySize > capacity) {
            return;
        }
        if (count == ring.length) {
            grow();
        }
        head = (head - 1) & (ring.length - 1);
        ring[head] = field;
        count++;
        size += entrySize;
    }

    /** 1-based index of an entry equal to {@code field}, or 0. */
    int indexOf(HeaderField field) {
        for (int i = 1; i <= count; i++) {
            if (get(i).equals(field)) {
                return i;
            }
        }
        return 0;
    }

    /** 1-based index of the newest entry named {@code name}, or 0. */
    int indexOfName(String name) {
        for (int i = 1; i <= count; i++) {
            if (get(i).name().equals(name)) {
                return i;
            }
        }
        return 0;
    }

    /** The entries, newest first. */
    List<HeaderField> entries() {
        List<HeaderField> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(get(i));
        }
        return out;
    }

    private void evictUntilFits(int incoming) {
        while (count > 0 && size + incoming > capacity) {
            int oldest = (head + count - 1) & (ring.length - 1);
            size -= ring[oldest].size();
            ring[oldest] = null;
            count--;
        }
    }

    private void grow() {
        HeaderField[] bigger = new HeaderField[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
