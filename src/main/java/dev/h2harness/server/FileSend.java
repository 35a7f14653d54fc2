package dev.h2harness.server;

/**
 * How a static file's payload reaches the socket; neither passes it through a Java heap array.
 * {@link #MAP} (the default) gathers memory-mapped views of the file with the frame headers into
 * one {@code writev}, or one TLS wrap. {@link #TRANSFER_TO} uses {@code FileChannel.transferTo}
 * ({@code sendfile}) per frame payload on plain TCP: three system calls per DATA frame (the
 * header's write, the JDK's size check, sendfile) and a TCP segment each, which measured up to
 * twice as slow (docs/server-notes.md). Over TLS the octets must be encrypted, so TLS always maps.
 */
public enum FileSend {
  MAP,
  TRANSFER_TO
}
