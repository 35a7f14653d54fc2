package dev.h2harness.hpack;

/**
 * A header block that violates RFC 7541 (an HTTP/2 COMPRESSION_ERROR), or one whose decoded
 * header list exceeds the advertised limit. {@link #offset()} is relative to the start of the
 * block as passed to the decoder.
 */
public final class HpackException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, each tied to the RFC section that forbids it. */
    public enum Kind {
        INDEX_ZERO("RFC 7541 §6.1"),
        INDEX_OUT_OF_RANGE("RFC 7541 §2.3.3"),
        INTEGER_OVERFLOW("RFC 7541 §5.1"),
        TRUNCATED("RFC 7541 §5"),
        HUFFMAN_EOS("RFC 7541 §5.2"),
        HUFFMAN_PADDING("RFC 7541 §5.2"),
        TABLE_SIZE_UPDATE_TOO_LARGE("RFC 7541 §6.3"),
        TABLE_SIZE_UPDATE_NOT_AT_START("RFC 7541 §4.2"),
        HEADER_LIST_TOO_LARGE("RFC 9113 §6.5.2");

        private final String section;

        Kind(String section) {
            this.section = section;
        }

        /** The RFC section this kind of error violates, e.g. {@code "RFC 7541 §6.1"}. */
        public String section() {
            return section;
        }
    }

    private final Kind kind;
    private final int offset;

    HpackException(Kind kind, int offset, String detail) {
        super(kind.section() + ": " + detail + " (at offset " + offset + ")");
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** Byte offset within the header block where the offending representation starts. */
    public int offset() {
        return offset;
    }
}
