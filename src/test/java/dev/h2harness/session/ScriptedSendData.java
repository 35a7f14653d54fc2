package dev.h2harness.session;

import dev.h2harness.control.BodyPattern;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A send-data callback for tests: writes the frame as contract §1.7 says, returns scripted values, records calls. */
final class ScriptedSendData implements SessionCallbacks.SendData {
  record Call(DataFrameInfo frame, byte[] framehd, int length, int sendCall, int reads, int returned) {}

  private final ByteArrayOutputStream wire;
  private final ArrayDeque<Integer> script = new ArrayDeque<>();
  final List<Call> calls = new ArrayList<>();

  ScriptedSendData(ByteArrayOutputStream wire, Integer... returns) {
    this.wire = wire;
    script.addAll(List.of(returns));
  }

  @Override public int sendData(Session s, DataFrameInfo frame, byte[] framehd, int length, DataSource source) {
    int rv = script.isEmpty() ? 0 : script.poll();
    CountingSource src = (CountingSource) source;
    calls.add(new Call(frame, framehd.clone(), length, s.sendCallCount(), src.reads, rv));
    if (rv == 0 || rv == NgError.PAUSE) {
      wire.write(framehd, 0, 9);
      if (frame.padlen() > 0) wire.write(frame.padlen() - 1);
      byte[] payload = new byte[length];
      BodyPattern.copy(src.written, payload, 0, length);
      src.written += length;
      wire.writeBytes(payload);
      if (frame.padlen() > 1) wire.writeBytes(new byte[frame.padlen() - 1]);
    }
    return rv;
  }
}
