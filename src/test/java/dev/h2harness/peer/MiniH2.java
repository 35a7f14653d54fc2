package dev.h2harness.peer;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameParser;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.ParsedFrame;
import dev.h2harness.frame.RawFrame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.function.Supplier;

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

  /**
   * What a hostile target does with one frame it read, parsed by the harness's own frame parser
   * ({@code frame} is null when the frame is malformed); SETTINGS, and PING where asked, are
   * acknowledged before. Returns false to stop reading.
   */
  @FunctionalInterface
  public interface OnFrame {
    boolean frame(Socket sock, OutputStream out, FrameHeader header, Frame frame) throws IOException, InterruptedException;
  }

  public static HostileServer.Behaviour serving(byte[] preface, OnRequest onRequest) {
    return loop(preface, false, () -> (sock, out, h, f) -> {
      if (h.type() == FrameType.HEADERS.code) onRequest.answer(out, h.streamId());
      return true;
    });
  }

  /**
   * Sends {@code preface}, reads the client's, and hands every frame to an {@link OnFrame} made for
   * the connection (its state is the connection's), answering SETTINGS and PING.
   */
  public static HostileServer.Behaviour reading(byte[] preface, Supplier<OnFrame> perConnection) {
    return loop(preface, true, perConnection);
  }

  private static HostileServer.Behaviour loop(byte[] preface, boolean answerPings, Supplier<OnFrame> perConnection) {
    return sock -> {
      OnFrame onFrame = perConnection.get();
      OutputStream out = sock.getOutputStream();
      InputStream in = sock.getInputStream();
      out.write(preface);
      out.flush();
      in.readNBytes(FrameReader.CLIENT_PREFACE.length());
      while (true) {
        byte[] h = in.readNBytes(FrameHeader.SIZE);
        if (h.length < FrameHeader.SIZE) return;
        FrameHeader header = FrameHeader.parse(h, 0);
        RawFrame raw = new RawFrame(header, Bytes.wrap(in.readNBytes(header.length())));
        Frame frame = FrameParser.parse(raw, 0) instanceof ParsedFrame.Ok ok ? ok.frame() : null;
        if (frame instanceof Frame.Settings settings && !settings.isAck()) {
          out.write(FrameWriter.write(Frame.Settings.ack()));
        } else if (answerPings && frame instanceof Frame.Ping ping && !ping.isAck()) {
          out.write(FrameWriter.write(Frame.Ping.of(ping.opaque(), true)));
        }
        boolean more = onFrame.frame(sock, out, header, frame);
        out.flush();
        if (!more) return;
      }
    };
  }

  /** The value of {@code parameter} in a SETTINGS frame, if it carries one. */
  public static OptionalLong setting(Frame.Settings settings, SettingsParameter parameter) {
    OptionalLong v = OptionalLong.empty();
    for (Setting s : settings.settings()) {
      if (s.id() == parameter.id) v = OptionalLong.of(s.value());
    }
    return v;
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
