package dev.h2harness.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connection's output buffer: wire order, room, partial writes, and files let go once sent. */
class OutputBufferTest {
  @TempDir Path dir;

  private OpenFile file(byte[] content) throws IOException {
    Path p = dir.resolve("f" + content.length);
    Files.write(p, content);
    return new OpenFile(FileChannel.open(p, StandardOpenOption.READ));
  }

  /** Writes all of {@code out} through a non-blocking pipe, reading as it goes. */
  private static byte[] drain(OutputBuffer out) throws IOException {
    Pipe pipe = Pipe.open();
    pipe.sink().configureBlocking(false);
    pipe.source().configureBlocking(false);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    while (!out.writeTo(pipe.sink())) {
      int n;
      while ((n = pipe.source().read(buf.clear())) > 0) {
        got.write(buf.array(), 0, n);
      }
    }
    pipe.sink().close();
    int n;
    while ((n = pipe.source().read(buf.clear())) > 0) {
      got.write(buf.array(), 0, n);
    }
    return got.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void octetsAndFileRegionsKeepTheirOrder(boolean transferTo) throws IOException {
    byte[] content = new byte[100_000];
    new Random(3).nextBytes(content);
    OpenFile f = file(content);
    OutputBuffer out = new OutputBuffer(1 << 20, transferTo);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    long at = 0;
    for (int i = 0; i < 12; i++) {
      byte[] head = {(byte) i, 1, 2, 3, 4, 5, 6, 7, 8};
      out.write(head, 0, head.length);
      expected.writeBytes(head);
      int len = Math.min(8000 + i, content.length - (int) at);
      out.writeFile(f, at, len);
      expected.write(content, (int) at, len);
      at += len;
    }
    assertEquals(expected.size(), out.buffered());
    assertEquals((1 << 20) - expected.size(), out.room());
    assertArrayEquals(expected.toByteArray(), drain(out));
    assertTrue(out.isEmpty());
    assertEquals(1 << 20, out.room());
    f.release();
    assertFalse(f.channel().isOpen(), "the last holder let go: the file is closed");
  }

  @Test
  void manySmallWritesReuseTheirBlocks() throws IOException {
    OutputBuffer out = new OutputBuffer(1 << 20, false);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 1000; i++) {
        byte[] b = new byte[37];
        java.util.Arrays.fill(b, (byte) (round + i));
        out.write(b, 0, b.length);
        expected.writeBytes(b);
      }
      assertArrayEquals(expected.toByteArray(), drain(out));
      expected.reset();
    }
  }

  @Test
  void aFileQueuedForSendingStaysOpenAfterItsBodyLetsGo() throws IOException {
    OpenFile f = file(new byte[5000]);
    OutputBuffer out = new OutputBuffer(1 << 20, false);
    out.writeFile(f, 0, 5000);
    f.release(); // the body is done with it; the queued view still holds it
    assertTrue(f.channel().isOpen());
    assertEquals(5000, drain(out).length);
    assertFalse(f.channel().isOpen());
  }

  @Test
  void discardLetsGoOfFiles() throws IOException {
    OpenFile f = file(new byte[100]);
    OutputBuffer out = new OutputBuffer(1 << 20, true);
    out.writeFile(f, 0, 100);
    f.release();
    out.discard();
    assertFalse(f.channel().isOpen());
    assertTrue(out.isEmpty());
  }
}
