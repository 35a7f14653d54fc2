package dev.h2harness.session;

import dev.h2harness.frame.SettingsParameter;

/** SETTINGS values in force for one side of the connection (RFC 9113 §6.5.2 defaults). */
final class PeerSettings {
  static final int MAX_WINDOW = Integer.MAX_VALUE;

  long headerTableSize = 4096;
  long enablePush = 1;
  long maxConcurrentStreams = Long.MAX_VALUE;
  int initialWindowSize = 65535;
  int maxFrameSize = 16384;
  long maxHeaderListSize = Long.MAX_VALUE;

  void apply(int id, long value) {
    switch (id) {
      case SettingsParameter.HEADER_TABLE_SIZE -> headerTableSize = value;
      case SettingsParameter.ENABLE_PUSH -> enablePush = value;
      case SettingsParameter.MAX_CONCURRENT_STREAMS -> maxConcurrentStreams = value;
      case SettingsParameter.INITIAL_WINDOW_SIZE -> initialWindowSize = (int) value;
      case SettingsParameter.MAX_FRAME_SIZE -> maxFrameSize = (int) value;
      case SettingsParameter.MAX_HEADER_LIST_SIZE -> maxHeaderListSize = value;
      default -> { } // RFC 9113 §6.5.2: unknown settings are ignored.
    }
  }
}
