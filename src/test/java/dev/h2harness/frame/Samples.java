package dev.h2harness.frame;

import java.util.List;
import java.util.Map;

/** One well-formed frame of each type (and some variants), by name. */
final class Samples {
  private Samples() {}

  static final Bytes BLOCK = Bytes.fromHex("828684410f7777772e6578616d706c652e636f6d");

  static Map<String, Frame> wellFormed() {
    return Map.ofEntries(
        Map.entry("DATA", Frame.Data.of(1, Bytes.ascii("hello"), false)),
        Map.entry("DATA empty END_STREAM", Frame.Data.of(3, Bytes.EMPTY, true)),
        Map.entry("DATA padlen 1", Frame.Data.padded(1, Bytes.ascii("abc"), false, 1)),
        Map.entry("DATA padlen 256", Frame.Data.padded(5, Bytes.zeros(100), true, 256)),
        Map.entry("DATA unknown flag 0x20",
            new Frame.Data(0x20 | Flags.END_STREAM, 1, Bytes.ascii("ok"), null)),
        Map.entry("HEADERS", Frame.Headers.of(1, BLOCK, true)),
        Map.entry("HEADERS padded with priority", new Frame.Headers(
            Flags.END_HEADERS | Flags.PADDED | Flags.PRIORITY, 7, PrioritySpec.of(true, 3, 200),
            BLOCK, Padding.ofPadlen(9))),
        Map.entry("PRIORITY", new Frame.Priority(0, 5, PrioritySpec.of(false, 3, 255))),
        Map.entry("RST_STREAM", Frame.RstStream.of(1, ErrorCode.CANCEL)),
        Map.entry("RST_STREAM unknown code", new Frame.RstStream(0, 9, 0xfedcba98L)),
        Map.entry("SETTINGS", Frame.Settings.of(new Setting(SettingsParameter.HEADER_TABLE_SIZE, 4096),
            new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, 0x7fffffff), new Setting(0xabcd, 0xffffffffL))),
        Map.entry("SETTINGS ACK", Frame.Settings.ack()),
        Map.entry("PUSH_PROMISE", new Frame.PushPromise(Flags.END_HEADERS, 1, 2, BLOCK, null)),
        Map.entry("PUSH_PROMISE padded", new Frame.PushPromise(Flags.PADDED, 3, 0x80000004, BLOCK,
            Padding.ofPadlen(3))),
        Map.entry("PING", Frame.Ping.of(Bytes.fromHex("0102030405060708"), false)),
        Map.entry("PING ACK", Frame.Ping.of(Bytes.fromHex("ffffffffffffffff"), true)),
        Map.entry("GOAWAY", Frame.GoAway.of(7, ErrorCode.ENHANCE_YOUR_CALM, "calm down")),
        Map.entry("GOAWAY no debug data", new Frame.GoAway(0, 0, 0x7fffffff, 0, Bytes.EMPTY)),
        Map.entry("WINDOW_UPDATE", Frame.WindowUpdate.of(0, 0x7fffffff)),
        Map.entry("WINDOW_UPDATE stream", Frame.WindowUpdate.of(1, 1)),
        Map.entry("CONTINUATION", new Frame.Continuation(Flags.END_HEADERS, 1, BLOCK)),
        Map.entry("CONTINUATION empty", new Frame.Continuation(0, 1, Bytes.EMPTY)),
        Map.entry("UNKNOWN 0xfa", new Frame.Unknown(0xfa, 0xff, 3, Bytes.fromHex("deadbeef"))),
        Map.entry("UNKNOWN 0x0a empty", new Frame.Unknown(0x0a, 0, 0, Bytes.EMPTY)));
  }

  static List<String> names() {
    return wellFormed().keySet().stream().sorted().toList();
  }
}
