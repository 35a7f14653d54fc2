package dev.h2harness.session;

import static dev.h2harness.frame.SettingsParameter.DEFAULT_WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.frame.Frame;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams deferred on flow control resume when the window that stopped them opens: their own window
 * (a WINDOW_UPDATE on the stream, a SETTINGS_INITIAL_WINDOW_SIZE change) or the connection's.
 */
class FlowDeferralTest {
  private final ServerFixture fx = new ServerFixture();

  private static Setting window(int size) {
    return new Setting(SettingsParameter.INITIAL_WINDOW_SIZE, size);
  }

  private CountingSource respond(int stream, int length) {
    fx.request(stream);
    CountingSource body = new CountingSource(length, false);
    fx.session.submitResponse(stream, ServerFixture.okResponse(), body);
    return body;
  }

  @Test
  void aStreamStoppedByItsOwnWindowWaitsForItsOwnWindowUpdate() {
    fx.start(window(0));
    CountingSource one = respond(1, 300);
    CountingSource three = respond(3, 300);
    fx.session.send();
    fx.receive(Frame.WindowUpdate.of(0, 1000));
    fx.receive(Frame.WindowUpdate.of(3, 100));
    fx.session.send();
    assertEquals(0, one.reads, "the connection's and another stream's WINDOW_UPDATE leave stream 1 deferred");
    assertEquals(List.of(100), three.maxLengths);
    fx.receive(Frame.WindowUpdate.of(1, 50));
    fx.session.send();
    assertEquals(List.of(50), one.maxLengths);
  }

  @Test
  void streamsStoppedByTheConnectionWindowAllResumeWhenItOpens() {
    fx.start(window(1 << 20));
    CountingSource one = respond(1, DEFAULT_WINDOW);
    fx.session.send();
    assertEquals(0, fx.session.connectionSendWindow());
    CountingSource three = respond(3, 10);
    CountingSource five = respond(5, 10);
    fx.session.send();
    assertEquals(0, three.reads + five.reads);
    fx.receive(Frame.WindowUpdate.of(0, 100));
    fx.session.send();
    assertEquals(10, three.promised);
    assertEquals(10, five.promised);
    assertEquals(DEFAULT_WINDOW, one.promised);
  }

  @Test
  void initialWindowSizeChangesMoveDeferredStreamsBetweenTheTwoWaits() {
    fx.start(window(1 << 20));
    CountingSource one = respond(1, 100_000);
    fx.session.send();
    assertEquals(DEFAULT_WINDOW, one.promised, "stopped by the connection window, its own still open");
    fx.receive(Frame.Settings.of(window(0)));
    assertTrue(fx.session.streamSendWindow(1) < 0, "RFC 9113 §6.9.2: its own window is now below zero");
    fx.receive(Frame.WindowUpdate.of(0, 10_000));
    fx.session.send();
    assertEquals(DEFAULT_WINDOW, one.promised, "the connection window opened, its own did not");
    fx.receive(Frame.WindowUpdate.of(1, DEFAULT_WINDOW + 4_000));
    fx.session.send();
    assertEquals(DEFAULT_WINDOW + 4_000, one.promised);
    fx.receive(Frame.Settings.of(window(1_000)));
    fx.session.send();
    assertEquals(DEFAULT_WINDOW + 5_000, one.promised, "a larger SETTINGS_INITIAL_WINDOW_SIZE resumes it");
  }
}
