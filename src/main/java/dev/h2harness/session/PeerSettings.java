package dev.h2harness.session;

import dev.h2harness.frame.SettingsParameter;

/** SETTINGS values in force for one side of the connection, from the RFC 9113 §6.5.2 initial values. */
final class PeerSettings {
  long headerTableSize = SettingsParameter.HEADER_TABLE_SIZE.initialValue;
  long enablePush = SettingsParameter.ENABLE_PUSH.initialValue;
  long maxConcurrentStreams = SettingsParameter.MAX_CONCURRENT_STREAMS.initialValue;
  int initialWindowSize = SettingsParameter.DEFAULT_WINDOW;
  int maxFrameSize = SettingsParameter.DEFAULT_MAX_FRAME_SIZE;
  long maxHeaderListSize = SettingsParameter.MAX_HEADER_LIST_SIZE.initialValue;

  void apply(int id, long value) {
    SettingsParameter p = SettingsParameter.of(id);
    if (p == null) {
      return; // RFC 9113 §6.5.2: unknown settings are ignored.
    }
    switch (p) {
      case HEADER_TABLE_SIZE -> headerTableSize = value;
      case ENABLE_PUSH -> enablePush = value;
      case MAX_CONCURRENT_STREAMS -> maxConcurrentStreams = value;
      case INITIAL_WINDOW_SIZE -> initialWindowSize = (int) value;
      case MAX_FRAME_SIZE -> maxFrameSize = (int) value;
      case MAX_HEADER_LIST_SIZE -> maxHeaderListSize = value;
      default -> { } // extension parameters change nothing here
    }
  }
}
