package dev.h2harness.frame;

/**
 * A frame at the lossless level: the header as received and the payload octets. For a frame read
 * from the wire {@code payload.length() == header.length()}; the writer also accepts raw frames
 * whose length field disagrees with the payload, to send truncated or over-long frames.
 */
public record RawFrame(FrameHeader header, Bytes payload) {
  public static RawFrame of(int type, int flags, int streamField, Bytes payload) {
    return new RawFrame(new FrameHeader(payload.length(), type, flags, streamField), payload);
  }
}
