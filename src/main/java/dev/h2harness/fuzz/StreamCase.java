package dev.h2harness.fuzz;

import dev.h2harness.control.SendDataOutcome;
import java.util.List;

/**
 * One generated control-header request: {@code chunk} 0 means unlimited reads, {@code pad} -1 means
 * no {@code h2h-pad} and {@link dev.h2harness.control.ControlHeaders#PAD_MAX} means {@code max}.
 */
public record StreamCase(long body, int chunk, int pad, List<SendDataOutcome> sendData, boolean trailers) {
  public StreamCase {
    sendData = List.copyOf(sendData);
  }

  /** True when a send-data return in the script ends the connection (CONTRACT §2). */
  public boolean fatal() {
    return sendData.stream().anyMatch(o -> o.returned() != 0 && !isNonFatal(o.returned()));
  }

  static boolean isNonFatal(int code) {
    return code == dev.h2harness.session.NgError.WOULDBLOCK || code == dev.h2harness.session.NgError.PAUSE
        || code == dev.h2harness.session.NgError.TEMPORAL_CALLBACK_FAILURE;
  }
}
