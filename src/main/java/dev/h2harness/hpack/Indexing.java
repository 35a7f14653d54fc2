package dev.h2harness.hpack;

/** Which literal representation (RFC 7541 §6.2) the encoder uses for fields it cannot index. */
public enum Indexing {
    /** RFC 7541 §6.2.1: literal added to the dynamic table; exact table matches are indexed. */
    INCREMENTAL,
    /** RFC 7541 §6.2.2: literal not added to the dynamic table; exact table matches are indexed. */
    WITHOUT_INDEXING,
    /** RFC 7541 §6.2.3: always a never-indexed literal (name may still come from a table). */
    NEVER_INDEXED
}
