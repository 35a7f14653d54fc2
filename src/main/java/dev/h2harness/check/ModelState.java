package dev.h2harness.check;

/** The read-only view of a {@link ConnectionModel} that rules judge events against. */
public interface ModelState {
  boolean targetIsServer();

  /** The stream, or null when no frame has named it yet (it is idle). */
  StreamView stream(int id);

  /**
   * The largest frame length the target may send: the peer's SETTINGS_MAX_FRAME_SIZE, the larger
   * of old and new while a change is not yet acknowledged by the target.
   */
  int maxFrameSize();

  /** The target's connection send window (RFC 9113 §6.9.1), leniently as {@link #maxFrameSize}. */
  long connectionWindow();

  /** The target's send window on stream {@code id}; may be negative (RFC 9113 §6.9.2). */
  long streamWindow(int id);

  /**
   * The largest header block the harness holds from the target: the SETTINGS_MAX_HEADER_LIST_SIZE
   * the peer announced, never above the model's own bound.
   */
  long headerListLimit();

  /** The peer's connection send window: 65,535 plus the target's WINDOW_UPDATEs, less the peer's DATA. */
  long peerConnectionWindow();

  /** The stream whose header block from the target is still open (awaits CONTINUATION), or 0. */
  int openHeaderBlockStream();
}
