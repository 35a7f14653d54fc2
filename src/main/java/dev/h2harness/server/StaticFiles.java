package dev.h2harness.server;

import dev.h2harness.control.ControlledServer;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.session.Session;
import dev.h2harness.stream.StreamState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static files under {@code --root}: a GET or HEAD path maps to a regular file inside the root
 * (a directory to its {@code index.html}); {@code ..} segments and symbolic links leading out of
 * the root are refused, and anything else falls through to the built-in 404.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "htm", "text/html; charset=utf-8",
      "txt", "text/plain; charset=utf-8", "css", "text/css", "js", "text/javascript",
      "json", "application/json", "png", "image/png", "jpg", "image/jpeg", "svg", "image/svg+xml");

  /** How long a path's resolution and an open file are reused: stat and open cost more than the rest of a small request. */
  private static final long REUSE_NANOS = 1_000_000_000L;
  private static final int MAX_RESOLVED = 4096;
  private static final int MAX_OPEN_PER_CONNECTION = 16;
  /** Bodies tracked before finished and reset ones are swept: about the stream limit. */
  private static final int SWEEP_AT = 128;

  private record Resolved(Path file, String contentType, long until) {}

  private record Cached(OpenFile file, long until) {}

  private final Path root;
  private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

  private StaticFiles(Path root) {
    this.root = root;
  }

  /** The files under {@code dir}; a one-line {@link IOException} when it is not a readable directory. */
  static StaticFiles under(Path dir) throws IOException {
    try {
      Path real = dir.toRealPath();
      if (!Files.isDirectory(real) || !Files.isReadable(real)) {
        throw new IOException("--root " + dir + ": not a readable directory");
      }
      return new StaticFiles(real);
    } catch (NoSuchFileException e) {
      throw new IOException("--root " + dir + ": no such directory");
    }
  }

  Path root() {
    return root;
  }

  /** The regular file inside the root that {@code requestPath} names, or null. */
  Path resolve(String requestPath) {
    if (requestPath == null || !requestPath.startsWith("/")) {
      return null;
    }
    int end = requestPath.length();
    for (char stop : new char[] {'?', '#'}) {
      int i = requestPath.indexOf(stop);
      if (i >= 0) end = Math.min(end, i);
    }
    String decoded = percentDecode(requestPath.substring(0, end));
    if (decoded == null || decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) {
      return null;
    }
    Path file = root;
    try {
      for (String segment : decoded.split("/")) {
        if (segment.isEmpty() || segment.equals(".")) continue;
        if (segment.equals("..")) return null; // never up, not even back into the root
        file = file.resolve(segment);
      }
      if (Files.isDirectory(file)) {
        file = file.resolve("index.html");
      }
      if (!Files.isRegularFile(file)) {
        return null;
      }
      Path real = file.toRealPath();
      return real.startsWith(root) ? real : null; // a symbolic link out of the root
    } catch (InvalidPathException | IOException e) {
      return null;
    }
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** %XX decoding of a path as UTF-8 ({@code +} stays a plus); null when malformed. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) return null;
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return null;
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** {@link #resolve}, remembered for a second. */
  private Resolved lookup(String requestPath, long now) {
    Resolved r = resolved.get(requestPath);
    if (r != null && now - r.until() < 0) {
      return r;
    }
    Path file = resolve(requestPath);
    if (file == null) {
      return null;
    }
    if (resolved.size() >= MAX_RESOLVED) {
      resolved.clear();
    }
    r = new Resolved(file, contentType(file), now + REUSE_NANOS);
    resolved.put(requestPath, r);
    return r;
  }

  /** The fallback of one connection; it owns the files its responses hold open. */
  Handler handler() {
    return new Handler();
  }

  final class Handler implements ControlledServer.Fallback {
    private final Map<Integer, FileBody> live = new HashMap<>();
    /** Files this connection opened lately, each holding one reference of its own. */
    private final LinkedHashMap<Path, Cached> open = new LinkedHashMap<>(16, 0.75f, true);

    @Override public boolean respond(Session session, int streamId, ControlledServer.Request request) {
      if (live.size() >= SWEEP_AT) {
        sweep(session);
      }
      boolean head = "HEAD".equals(request.method());
      if (!head && !"GET".equals(request.method())) {
        return false;
      }
      long now = System.nanoTime();
      Resolved r = lookup(request.path(), now);
      if (r == null) {
        return false;
      }
      OpenFile file;
      long size;
      try {
        file = open(r.file(), now);
        size = file.channel().size();
      } catch (IOException e) {
        return false;
      }
      List<HeaderField> headers = List.of(
          HeaderField.of(":status", "200"),
          HeaderField.of("content-type", r.contentType()),
          HeaderField.of("content-length", Long.toString(size)));
      if (head) {
        file.release();
        return session.submitResponse(streamId, headers, null) == 0;
      }
      FileBody body = new FileBody(file, size);
      if (session.submitResponse(streamId, headers, body) != 0) {
        body.release();
        return false;
      }
      live.put(streamId, body);
      return true;
    }

    /** The file, open, with a reference for the caller. */
    private OpenFile open(Path path, long now) throws IOException {
      Cached c = open.get(path);
      if (c != null && now - c.until() < 0) {
        c.file().retain();
        return c.file();
      }
      if (c != null) {
        open.remove(path).file().release();
      }
      OpenFile file = new OpenFile(FileChannel.open(path, StandardOpenOption.READ));
      if (open.size() >= MAX_OPEN_PER_CONNECTION) {
        Iterator<Cached> eldest = open.values().iterator();
        eldest.next().file().release();
        eldest.remove();
      }
      file.retain();
      open.put(path, new Cached(file, now + REUSE_NANOS));
      return file;
    }

    /** Lets go of the files of bodies sent in full or whose stream was reset. */
    void sweep(Session session) {
      for (Iterator<Map.Entry<Integer, FileBody>> it = live.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Integer, FileBody> e = it.next();
        if (e.getValue().finished() || session.streamState(e.getKey()) == StreamState.CLOSED) {
          e.getValue().release();
          it.remove();
        }
      }
    }

    void closeAll() {
      live.values().forEach(FileBody::release);
      live.clear();
      open.values().forEach(c -> c.file().release());
      open.clear();
    }
  }
}
