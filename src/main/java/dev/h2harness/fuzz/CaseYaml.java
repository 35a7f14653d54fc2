package dev.h2harness.fuzz;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import java.util.stream.Collectors;

/** Writes a {@link FuzzCase} as a scenario file: what a shrunk mismatch becomes, ready to commit. */
public final class CaseYaml {
  private CaseYaml() {}

  public static String write(String id, String title, FuzzCase c) {
    StringBuilder y = new StringBuilder();
    y.append("id: ").append(id).append('\n');
    y.append("title: \"").append(title.replace("\"", "'")).append("\"\n");
    y.append("covers: contract §1-2\n");
    y.append("control: true\n");
    y.append("settings: {INITIAL_WINDOW_SIZE: ").append(c.initialWindow())
        .append(", MAX_FRAME_SIZE: ").append(c.maxFrameSize()).append("}\n");
    y.append("flow: {stream: ").append(c.streamCredit()).append("}\n");
    y.append("steps:\n");
    y.append("  - window-update: {stream: 0, increment: 1073741823}\n");
    for (int i = 0; i < c.streams().size(); i++) {
      ControlHeaders s = c.streams().get(i);
      y.append("  - request: {stream: ").append(2 * i + 1).append(", body: ").append(s.body());
      y.append(controls(s));
      y.append("}\n");
    }
    for (int i = 0; i < c.streams().size(); i++) {
      y.append("  - wait: ").append(2 * i + 1).append('\n');
    }
    return y.toString();
  }

  /**
   * The case's first stream as a client control scenario (contract §5): the client uploads it, the
   * harness as the server announces the case's SETTINGS and gives credit back as in the server role.
   */
  public static String writeClient(String id, String title, FuzzCase c) {
    ControlHeaders s = c.streams().get(0);
    StringBuilder y = new StringBuilder();
    y.append("id: ").append(id).append('\n');
    y.append("title: \"").append(title.replace("\"", "'")).append("\"\n");
    y.append("covers: contract §5\n");
    y.append("role: client\n");
    y.append("upload: {body: ").append(s.body());
    y.append(controls(s));
    y.append("}\n");
    y.append("settings: {INITIAL_WINDOW_SIZE: ").append(c.initialWindow())
        .append(", MAX_FRAME_SIZE: ").append(c.maxFrameSize()).append("}\n");
    y.append("flow: {stream: ").append(c.streamCredit()).append("}\n");
    y.append("steps:\n");
    y.append("  - window-update: {stream: 0, increment: 1073741823}\n");
    y.append("  - wait: 1\n");
    return y.toString();
  }

  private static String item(SendDataOutcome o) {
    return o.label().matches("[-+]?[0-9]+") ? "\"" + o.label() + "\"" : o.label();
  }

  /** A request's or upload's control keys after {@code body}, as the scenario format writes them. */
  private static String controls(ControlHeaders s) {
    StringBuilder y = new StringBuilder();
    if (s.chunk() > 0) y.append(", chunk: ").append(s.chunk());
    if (s.pad() >= 0) y.append(", pad: ").append(s.pad() == ControlHeaders.PAD_MAX ? "max" : Integer.toString(s.pad()));
    if (!s.sendData().isEmpty()) {
      y.append(", send-data: [").append(s.sendData().stream().map(CaseYaml::item).collect(Collectors.joining(", ")))
          .append(']');
    }
    if (s.trailers()) y.append(", trailers: yes");
    return y.toString();
  }
}
