package dev.h2harness.peer;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A bare HTTP/2 server for hostile targets: sends its SETTINGS, acknowledges the peer's, and hands
 * each request's stream to a behaviour that answers it as badly as the test wants.
 */
public final class MiniH2 {
  /** Answers (or not) the request on {@code stream}. */
  @FunctionalInterface
  public interface OnRequest {
    void answer(OutputStream out, int stream) throws IOException, InterruptedException;
  }

  private MiniH2() {}

  public static HostileServer.Behaviour serving(byte[] preface, OnRequest onRequest) {
    return s -> {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(preface);
      out.flush();
      in.readNBytes(24);
      while (true) {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) return;
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int type = h[3] & 0xff;
        int stream = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        in.readNBytes(length);
        if (type == FrameType.SETTINGS.code && (h[4] & 1) == 0) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
          out.flush();
        } else if (type == FrameType.HEADERS.code) {
          onRequest.answer(out, stream);
          out.flush();
        }
      }
    };
  }

  /** A header block of {@code :status} alone, as a literal without indexing (RFC 7541 §6.2.2). */
  public static Bytes status(int status) {
    byte[] v = Integer.toString(status).getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[2 + v.length];
    b[0] = 0x08;
    b[1] = (byte) v.length;
    System.arraycopy(v, 0, b, 2, v.length);
    return Bytes.wrap(b);
  }

  /** {@code :status} and {@code content-length}, both literals without indexing. */
  public static byte[] headersWithLength(int stream, int status, long contentLength) {
    byte[] st = status(status).toArray();
    byte[] v = Long.toString(contentLength).getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[st.length + 3 + v.length];
    System.arraycopy(st, 0, b, 0, st.length);
    // RFC 7541 §6.2.2: index 28 (content-length) in a 4-bit prefix is 15 + 13.
    b[st.length] = 0x0f;
    b[st.length + 1] = 0x0d;
    b[st.length + 2] = (byte) v.length;
    System.arraycopy(v, 0, b, st.length + 3, v.length);
    return FrameWriter.write(Frame.Headers.of(stream, Bytes.wrap(b), false));
  }

  public static byte[] headers(int stream, int status, boolean endStream) {
    return FrameWriter.write(Frame.Headers.of(stream, status(status), endStream));
  }
}
