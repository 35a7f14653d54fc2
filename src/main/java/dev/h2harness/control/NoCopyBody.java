package dev.h2harness.control;

import dev.h2harness.session.DataSource;

/** A body whose read callback sets NO_COPY: the send-data callback asks it for the payload octets. */
public interface NoCopyBody extends DataSource {
  /** Writes the next {@code length} payload octets (promised by earlier reads) into {@code sink}. */
  void writePayload(OutputSink sink, int length);

  /** How many times the read callback has run: the call log's {@code reads}. */
  int reads();
}
