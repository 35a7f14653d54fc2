package dev.h2harness.server;

import dev.h2harness.control.OutputSink;

/**
 * An output sink that also takes a region of a file, so a file body's payload never passes
 * through a Java heap array (the point of NO_COPY): the sink sends it from a memory mapping of the
 * file, or with {@code transferTo} (see {@link FileSend}).
 */
interface FileRegionSink extends OutputSink {
  /** Appends {@code length} octets of {@code file} from {@code position}; counts against {@link #room()}. */
  void writeFile(OpenFile file, long position, int length);
}
