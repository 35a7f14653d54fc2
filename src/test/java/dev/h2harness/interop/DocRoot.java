package dev.h2harness.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A tiny document root every server stack serves: a small file and a large one (over 1 MiB, so
 * it crosses the 65,535-octet initial windows many times). Readable by all, as servers started
 * as root may drop to another user before they open files.
 */
record DocRoot(Path dir) {
  static final String SMALL = "small.txt";
  static final String LARGE = "large.bin";
  static final int SMALL_LENGTH = 2_000;
  static final int LARGE_LENGTH = 1 << 20;

  static DocRoot create(Path parent) throws IOException {
    Path dir = parent.resolve("www");
    Files.createDirectories(dir);
    Files.write(dir.resolve(SMALL), pattern(SMALL_LENGTH));
    Files.write(dir.resolve(LARGE), pattern(LARGE_LENGTH));
    for (Path p : new Path[] {dir.resolve(SMALL), dir.resolve(LARGE)}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    openUp(dir);
    return new DocRoot(dir);
  }

  /** Makes {@code dir} and its parents up to the temp root traversable by other users. */
  static void openUp(Path dir) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** Octet i is i mod 251, as the control headers' bodies, so a truncated copy is easy to spot. */
  private static byte[] pattern(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) b[i] = (byte) (i % 251);
    return b;
  }
}
