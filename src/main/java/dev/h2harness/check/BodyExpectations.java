package dev.h2harness.check;

import dev.h2harness.hpack.HeaderField;
import java.util.List;

/**
 * The seam through which the layer that wrote or understands a connection's requests tells the
 * model what each response body must be. Asked once per stream, when the stream's request header
 * block has been decoded (whichever side sent it); never per frame.
 */
@FunctionalInterface
public interface BodyExpectations {
  /** No request asks for a particular body. */
  BodyExpectations NONE = (stream, request) -> null;

  /** The body the request on {@code stream} asks for, or null when it asks for none in particular. */
  ExpectedBody forRequest(int stream, List<HeaderField> request);
}
