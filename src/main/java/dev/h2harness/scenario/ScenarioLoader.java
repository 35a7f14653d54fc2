package dev.h2harness.scenario;

import dev.h2harness.control.ControlHeaders;
import dev.h2harness.control.SendDataOutcome;
import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Setting;
import dev.h2harness.frame.SettingsParameter;
import dev.h2harness.hpack.HeaderField;
import dev.h2harness.peer.FlowPolicy;
import dev.h2harness.peer.PeerStep;
import dev.h2harness.peer.RequestFields;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the scenario format (README: "Scenario files") from YAML. Every error names the file, the
 * line and the field. {@code defaultPath} is the path a request without {@code path} asks for
 * (the {@code --path} option), {@code authority} its {@code :authority}.
 */
public final class ScenarioLoader {
  private static final List<String> TOP_LEVEL = List.of(
      "id", "title", "topic", "covers", "control", "settings", "flow", "preface", "steps", "expect", "role", "upload",
      "section", "requirement", "outcomes", "outcome-stream", "strength", "attack");
  /** Most steps a scenario may expand to with {@code repeat}: floods stay bounded. */
  static final int MAX_STEPS = 200_000;

  private final String defaultPath;
  private final String authority;
  private String file;
  private boolean clientRole;
  /** The stream {@code stream: next} opens; {@code stream: current} is the one before it. */
  private int nextStream = 1;

  /** One parser for every file: building a Yaml compiles its resolver's patterns each time. */
  private final Yaml yaml;
  /** Set while parsing when a step used {@code stream: next} or {@code current}. */
  private boolean allocatedStream;

  public ScenarioLoader(String defaultPath, String authority) {
    this.defaultPath = defaultPath;
    this.authority = authority;
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    this.yaml = new Yaml(options);
  }

  /** A loader with the same path and authority, for another thread (a loader is not thread-safe). */
  public ScenarioLoader copy() {
    return new ScenarioLoader(defaultPath, authority);
  }

  public Scenario load(String fileName, String text) throws ScenarioException {
    return load(fileName, new StringReader(text));
  }

  public Scenario load(String fileName, Reader reader) throws ScenarioException {
    this.file = fileName;
    this.nextStream = 1;
    this.hexSeen.clear();
    Node root;
    try {
      root = yaml.compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ScenarioException(file, line, "", "not valid YAML: " + e.getProblem());
    } catch (RuntimeException e) {
      throw new ScenarioException(file, 1, "", "not valid YAML: " + e.getMessage());
    }
    if (!(root instanceof MappingNode m)) {
      throw new ScenarioException(file, root == null ? 1 : line(root), "", "a scenario is a mapping of id, title, covers, steps, ...");
    }
    Map<String, Node> top = fields(m, TOP_LEVEL, "scenario");
    String id = string(top, "id", m, true);
    if (!id.matches("[a-z0-9][a-z0-9._/-]*")) {
      throw error(top.get("id"), "id", "use lowercase letters, digits and . _ / - : \"" + id + "\"");
    }
    String title = string(top, "title", m, true);
    String section = top.containsKey("section") ? string(top, "section", m, true) : sectionOf(id);
    if (!section.isEmpty() && !section.matches("[0-9]+(\\.[0-9]+)*")) {
      throw error(top.get("section"), "section", "an RFC 9113 section such as 6.5.3: \"" + section + "\"");
    }
    String covers = top.containsKey("covers") || section.isEmpty() ? string(top, "covers", m, true)
        : "RFC 9113 §" + section;
    String requirement = top.containsKey("requirement") ? string(top, "requirement", m, true) : "";
    String topic = top.containsKey("topic") ? string(top, "topic", m, true)
        : id.matches("client/[^/]+/.*") ? id.substring(0, id.indexOf('/', 7))
        : id.contains("/") ? id.substring(0, id.indexOf('/')) : "general";
    boolean clientRole = top.containsKey("role")
        ? oneOf(top.get("role"), "role", "server", "client").equals("client")
        : id.startsWith("client/") || fileName.replace('\\', '/').matches("(.*/)?client/.*");
    this.clientRole = clientRole;
    ControlHeaders upload = null;
    if (top.containsKey("upload")) {
      if (!clientRole) throw error(top.get("upload"), "upload", "only client scenarios (role: client) have an upload");
      upload = upload(top.get("upload"), "upload");
    }
    boolean control = upload != null || top.containsKey("control") && bool(top.get("control"), "control");
    if (control && clientRole && upload == null) throw error(m, "upload", "a client control scenario needs upload");
    boolean preface = !top.containsKey("preface") || bool(top.get("preface"), "preface");
    List<Setting> settings = top.containsKey("settings") ? settings(top.get("settings"), "settings") : List.of();
    // Generic scenarios run against any server: a target that waits for more credit is topped up.
    FlowPolicy flow = flow(top.get("flow"), settings).withTopUpWhenStalled(!control);
    if (!top.containsKey("steps")) throw error(m, "steps", "missing");
    List<PeerStep> steps = steps(top.get("steps"));
    Expectations expect = top.containsKey("expect") ? expectations(top.get("expect")) : Expectations.NONE;
    List<Outcome> outcomes = top.containsKey("outcomes") ? outcomes(top.get("outcomes")) : List.of();
    int outcomeStream = 0;
    if (top.containsKey("outcome-stream")) {
      Node os = top.get("outcome-stream");
      // "last": the highest stream the peer opened, for steps that open as many as the target allows.
      outcomeStream = os instanceof ScalarNode sn && sn.getValue().equals("last") ? -1
          : (int) integer(os, "outcome-stream", 1, 0x7fffffffL);
    } else if (outcomes.stream().anyMatch(o -> !(o instanceof Outcome.ConnectionError))) {
      outcomeStream = lastStream(steps);
    }
    boolean should = top.containsKey("strength") && oneOf(top.get("strength"), "strength", "MUST", "SHOULD").equals("SHOULD");
    return new Scenario(id, title, topic, covers, control, settings, flow, preface && !clientRole, steps, expect, file,
        upload, clientRole, section, requirement, outcomes, outcomeStream, should,
        top.containsKey("attack") && bool(top.get("attack"), "attack"));
  }

  /** The section in an id {@code rfc9113/<section>/<name>}, or "". */
  static String sectionOf(String id) {
    String[] parts = id.split("/");
    return parts.length == 3 && parts[0].equals("rfc9113") && parts[1].matches("[0-9]+(\\.[0-9]+)*") ? parts[1] : "";
  }

  /** The stream of the last request or header block the steps send: where a stream error is awaited. */
  private static int lastStream(List<PeerStep> steps) {
    int last = 0;
    for (PeerStep step : steps) {
      if (step instanceof PeerStep.Request r) last = r.streamId();
      if (step instanceof PeerStep.HeaderBlock h && h.streamId() != 0) last = h.streamId();
    }
    return last;
  }

  private List<Outcome> outcomes(Node node) throws ScenarioException {
    if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      throw error(node, "outcomes", "a list such as [stream-error: PROTOCOL_ERROR, connection-error: PROTOCOL_ERROR]");
    }
    List<Outcome> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode sn && sn.getValue().equals("ignored")) {
        out.add(new Outcome.Ignored());
        continue;
      }
      if (!(item instanceof MappingNode m) || m.getValue().size() != 1) {
        throw error(item, "outcomes", "each outcome is one of connection-error: CODE, stream-error: CODE, status: 4xx, ignored");
      }
      String kind = scalar(m.getValue().get(0).getKeyNode(), "outcomes");
      Node v = m.getValue().get(0).getValueNode();
      out.add(switch (kind) {
        case "connection-error" -> new Outcome.ConnectionError(errorCode(v, "outcomes.connection-error"));
        case "stream-error" -> new Outcome.StreamError(errorCode(v, "outcomes.stream-error"));
        case "status" -> {
          String st = scalar(v, "outcomes.status");
          if (!st.matches("[1-5]([0-9][0-9]|xx)")) throw error(v, "outcomes.status", "a status such as 400 or 4xx: \"" + st + "\"");
          yield new Outcome.Response(st);
        }
        default -> throw error(item, "outcomes", "unknown outcome \"" + kind + "\" (connection-error, stream-error, status)");
      });
    }
    return out;
  }

  // ---- sections ------------------------------------------------------------------------------

  private FlowPolicy flow(Node node, List<Setting> settings) throws ScenarioException {
    int initial = SettingsParameter.DEFAULT_WINDOW;
    for (Setting s : settings) {
      if (s.parameter() == SettingsParameter.INITIAL_WINDOW_SIZE) initial = (int) Math.min(s.value(), Integer.MAX_VALUE);
    }
    int stream = initial > 0 ? initial : SettingsParameter.DEFAULT_WINDOW;
    if (node == null) return FlowPolicy.replenishOnExhaustion(stream, SettingsParameter.DEFAULT_WINDOW);
    if (node instanceof ScalarNode s && s.getValue().equals("manual")) return FlowPolicy.manual();
    Map<String, Node> f = fields(mapping(node, "flow"), List.of("stream", "connection"), "flow");
    return FlowPolicy.replenishOnExhaustion(
        f.containsKey("stream") ? (int) integer(f.get("stream"), "flow.stream", 0, Integer.MAX_VALUE) : stream,
        f.containsKey("connection") ? (int) integer(f.get("connection"), "flow.connection", 0, Integer.MAX_VALUE) : SettingsParameter.DEFAULT_WINDOW);
  }

  private List<Setting> settings(Node node, String field) throws ScenarioException {
    List<Setting> out = new ArrayList<>();
    for (NodeTuple t : mapping(node, field).getValue()) {
      String key = scalar(t.getKeyNode(), field);
      int id = settingId(t.getKeyNode(), key, field);
      out.add(new Setting(id, integer(t.getValueNode(), field + "." + key, 0, 0xffffffffL)));
    }
    return out;
  }

  private int settingId(Node at, String key, String field) throws ScenarioException {
    for (SettingsParameter p : SettingsParameter.values()) {
      if (p.name().equals(key)) return p.id;
    }
    if (key.matches("0x[0-9a-fA-F]{1,4}|[0-9]{1,5}")) {
      int id = key.startsWith("0x") ? Integer.parseInt(key.substring(2), 16) : Integer.parseInt(key);
      if (id <= 0xffff) return id;
    }
    throw error(at, field, "unknown SETTINGS parameter \"" + key + "\" (use e.g. INITIAL_WINDOW_SIZE or 0x4)");
  }

  private List<PeerStep> steps(Node node) throws ScenarioException {
    if (!(node instanceof SequenceNode seq)) throw error(node, "steps", "a list of steps");
    List<PeerStep> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (item instanceof MappingNode m && m.getValue().size() == 1
          && "repeat".equals(scalar(m.getValue().get(0).getKeyNode(), "steps"))) {
        String f = "steps.repeat";
        Map<String, Node> a = fields(mapping(m.getValue().get(0).getValueNode(), f), List.of("count", "steps"), f);
        long count = integer(req(a, "count", item, f), f + ".count", 1, MAX_STEPS);
        boolean outer = allocatedStream;
        allocatedStream = false;
        List<PeerStep> first = steps(req(a, "steps", item, f));
        boolean perIteration = allocatedStream;
        allocatedStream = outer || perIteration;
        for (long i = 0; i < count; i++) {
          // Parsed again each time round only when "stream: next" opens a new stream per iteration.
          out.addAll(i == 0 || !perIteration ? first : steps(req(a, "steps", item, f)));
          if (out.size() > MAX_STEPS) throw error(item, f, "expands to more than " + MAX_STEPS + " steps");
        }
      } else {
        out.add(step(item));
      }
    }
    return out;
  }

  private PeerStep step(Node item) throws ScenarioException {
    String name;
    Node args = null;
    if (item instanceof ScalarNode s) {
      name = s.getValue();
    } else if (item instanceof MappingNode m && m.getValue().size() == 1) {
      name = scalar(m.getValue().get(0).getKeyNode(), "steps");
      args = m.getValue().get(0).getValueNode();
    } else {
      throw error(item, "steps", "each step is a name or a one-key mapping such as {wait: 1}");
    }
    String f = "steps." + name;
    switch (name) {
      case "settings":
        return new PeerStep.Settings(settings(args, f));
      case "request":
        if (clientRole) throw error(item, "steps", "a client scenario has no request step: the client makes the requests");
        return request(args, f);
      case "respond":
        if (!clientRole) throw error(item, "steps", "respond is a client-scenario step (role: client)");
        return respond(args, f, item);
      case "goaway": {
        Map<String, Node> a = fields(mapping(args, f), List.of("last-stream", "code"), f);
        return new PeerStep.GoAway((int) integer(req(a, "last-stream", item, f), f + ".last-stream", 0, 0x7fffffffL),
            a.containsKey("code") ? errorCode(a.get("code"), f + ".code") : ErrorCode.NO_ERROR.code);
      }
      case "window-update": {
        Map<String, Node> a = fields(mapping(args, f), List.of("stream", "increment"), f);
        return new PeerStep.WindowUpdate(streamId(a, f, item), (int) integer(req(a, "increment", item, f), f + ".increment", 0, 0xffffffffL));
      }
      case "rst-stream": {
        Map<String, Node> a = fields(mapping(args, f), List.of("stream", "code"), f);
        return new PeerStep.RstStream(streamId(a, f, item), a.containsKey("code") ? errorCode(a.get("code"), f + ".code") : ErrorCode.CANCEL.code);
      }
      case "ping":
        return new PeerStep.Ping();
      case "ping-or-close":
        return new PeerStep.PingOrClose();
      case "wait-ack":
        return new PeerStep.WaitAck(frameType(args, f));
      case "wait":
        return new PeerStep.WaitStream(args instanceof ScalarNode ? (int) integer(args, f, 0, Integer.MAX_VALUE)
            : streamId(fields(mapping(args, f), List.of("stream"), f), f, item));
      case "wait-body": {
        Map<String, Node> a = fields(mapping(args, f), List.of("stream", "bytes"), f);
        return new PeerStep.WaitBody(streamId(a, f, item), integer(req(a, "bytes", item, f), f + ".bytes", 0, Long.MAX_VALUE));
      }
      case "wait-frame": {
        Map<String, Node> a = fields(mapping(args, f), List.of("type", "stream"), f);
        int type = a.containsKey("type") ? frameType(a.get("type"), f + ".type") : -1;
        int stream = a.containsKey("stream") ? (int) integer(a.get("stream"), f + ".stream", 0, Integer.MAX_VALUE) : -1;
        return new PeerStep.WaitFrame(type, stream);
      }
      case "frame":
        return frame(args, f, item);
      case "headers":
        return headerBlock(args, f, item, FrameType.HEADERS.code);
      case "continuation":
        return headerBlock(args, f, item, FrameType.CONTINUATION.code);
      case "exceed-concurrency":
        return new PeerStep.ExceedConcurrency(defaultFields());
      case "oversized-data": {
        Map<String, Node> a = fields(mapping(args, f), List.of("stream"), f);
        return new PeerStep.OversizedData(streamId(a, f, item));
      }
      case "second-connection":
        return new PeerStep.SecondConnection(defaultFields());
      case "bytes":
        return new PeerStep.SendBytes(hex(args, f));
      case "expect-close":
        return new PeerStep.ExpectClose();
      case "expect-silence":
        return new PeerStep.ExpectSilence(millis(args, f));
      case "sleep":
        return new PeerStep.Sleep(millis(args, f));
      default:
        throw error(item, "steps", "unknown step \"" + name + "\" (settings, request, window-update, rst-stream, ping, "
            + "ping-or-close, wait-ack, exceed-concurrency, oversized-data, wait, wait-body, wait-frame, frame, headers, continuation, repeat, "
            + "second-connection, bytes, expect-close, expect-silence, sleep; client scenarios: respond, goaway)");
    }
  }

  private PeerStep request(Node args, String f) throws ScenarioException {
    Map<String, Node> a = fields(mapping(args, f), List.of("stream", "method", "path", "headers", "end-stream",
        "collect", "body", "chunk", "pad", "send-data", "trailers"), f);
    int stream = streamId(a, f, args);
    List<HeaderField> fields = new ArrayList<>(RequestFields.of(
        a.containsKey("method") ? scalar(a.get("method"), f + ".method") : "GET", "http", authority,
        a.containsKey("path") ? scalar(a.get("path"), f + ".path") : defaultPath));
    ControlHeaders control = null;
    if (a.containsKey("body")) {
      control = controls(a, f);
      fields.addAll(control.toFields());
    } else {
      for (String k : List.of("chunk", "pad", "send-data", "trailers")) {
        if (a.containsKey(k)) throw error(a.get(k), f + "." + k, "control keys need body");
      }
    }
    if (a.containsKey("headers")) {
      for (NodeTuple t : mapping(a.get("headers"), f + ".headers").getValue()) {
        fields.add(HeaderField.of(scalar(t.getKeyNode(), f + ".headers"), scalar(t.getValueNode(), f + ".headers")));
      }
    }
    if (control == null) {
      // Control headers written out under headers: ask for what they say, as if given as keys.
      try {
        control = ControlHeaders.parse(fields);
      } catch (dev.h2harness.control.ControlHeaderException e) {
        control = null; // malformed on purpose: sent as written, asking for nothing
      }
    }
    boolean end = !a.containsKey("end-stream") || bool(a.get("end-stream"), f + ".end-stream");
    boolean collect = a.containsKey("collect") && bool(a.get("collect"), f + ".collect");
    return new PeerStep.Request(stream, fields, end, collect, java.util.Optional.ofNullable(control));
  }

  /** An upload's control parameters (CLIENT-CONTROL): the same keys as a request's control keys. */
  private ControlHeaders upload(Node args, String f) throws ScenarioException {
    Map<String, Node> a = fields(mapping(args, f), List.of("body", "chunk", "pad", "send-data", "trailers"), f);
    req(a, "body", args, f);
    return controls(a, f);
  }

  /** body, chunk, pad, send-data and trailers as contract §4 controls. */
  private ControlHeaders controls(Map<String, Node> a, String f) throws ScenarioException {
    long body = integer(a.get("body"), f + ".body", 0, ControlHeaders.MAX_BODY);
    int chunk = a.containsKey("chunk") ? (int) integer(a.get("chunk"), f + ".chunk", 1, Integer.MAX_VALUE) : 0;
    int pad = -1;
    if (a.containsKey("pad")) {
      String p = scalar(a.get("pad"), f + ".pad");
      pad = p.equals("max") ? ControlHeaders.PAD_MAX : (int) integer(a.get("pad"), f + ".pad", 0, Integer.MAX_VALUE - 1);
    }
    List<SendDataOutcome> script = new ArrayList<>();
    if (a.containsKey("send-data")) {
      Node sd = a.get("send-data");
      List<Node> items = sd instanceof SequenceNode seq ? seq.getValue() : List.of(sd);
      for (Node n : items) {
        SendDataOutcome o = SendDataOutcome.parse(scalar(n, f + ".send-data"));
        if (o == null) throw error(n, f + ".send-data", "\"" + scalar(n, f) + "\" is not ok, wouldblock, pause, "
            + "temporal-failure, callback-failure or an integer");
        script.add(o);
      }
    }
    boolean trailers = a.containsKey("trailers") && bool(a.get("trailers"), f + ".trailers");
    return new ControlHeaders(body, chunk, pad, script, trailers);
  }

  private PeerStep respond(Node args, String f, Node item) throws ScenarioException {
    Map<String, Node> a = fields(mapping(args, f), List.of("stream", "status", "body", "end-stream"), f);
    return new PeerStep.Respond(streamId(a, f, item),
        a.containsKey("status") ? (int) integer(a.get("status"), f + ".status", 100, 999) : 200,
        a.containsKey("body") ? (int) integer(a.get("body"), f + ".body", 0, 1 << 20) : 0,
        !a.containsKey("end-stream") || bool(a.get("end-stream"), f + ".end-stream"));
  }

  /** A GET of the default path: the fields a {@code headers} step starts from. */
  private List<HeaderField> defaultFields() {
    return RequestFields.get(authority, defaultPath);
  }

  /**
   * {@code headers:} / {@code continuation:} with a hand-made header list or HPACK block
   * (README: scenario format). Defaults: the GET request's fields, END_HEADERS, and for HEADERS END_STREAM.
   */
  private PeerStep headerBlock(Node args, String f, Node item, int type) throws ScenarioException {
    Map<String, Node> a = fields(mapping(args, f), List.of("stream", "fields", "add", "omit", "block", "end-stream",
        "end-headers", "pad", "priority"), f);
    int stream = stream(req(a, "stream", item, f), f + ".stream", 0xffffffffL);
    boolean headers = type == FrameType.HEADERS.code;
    List<HeaderField> list = new ArrayList<>(headers && !a.containsKey("block") ? defaultFields() : List.of());
    if (a.containsKey("fields")) {
      list = new ArrayList<>();
      Node fl = a.get("fields");
      if (!(fl instanceof ScalarNode sn && sn.getValue().equals("default"))) list.addAll(fieldList(fl, f + ".fields"));
      else list.addAll(defaultFields());
    }
    if (a.containsKey("omit")) {
      Node o = a.get("omit");
      List<Node> names = o instanceof SequenceNode seq ? seq.getValue() : List.of(o);
      for (Node n : names) {
        String name = scalar(n, f + ".omit");
        list.removeIf(h -> h.name().equals(name));
      }
    }
    if (a.containsKey("add")) list.addAll(fieldList(a.get("add"), f + ".add"));
    Bytes block = a.containsKey("block") ? hex(a.get("block"), f + ".block") : null;
    int flags = 0;
    if ((!a.containsKey("end-headers") || bool(a.get("end-headers"), f + ".end-headers"))) flags |= Flags.END_HEADERS;
    if (headers && (!a.containsKey("end-stream") || bool(a.get("end-stream"), f + ".end-stream"))) flags |= Flags.END_STREAM;
    java.io.ByteArrayOutputStream prefix = new java.io.ByteArrayOutputStream();
    int padding = 0;
    if (a.containsKey("pad")) {
      padding = (int) integer(a.get("pad"), f + ".pad", 0, 255);
      flags |= Flags.PADDED;
      prefix.write(padding);
    }
    if (a.containsKey("priority")) {
      if (!headers) throw error(a.get("priority"), f + ".priority", "only HEADERS carry priority fields");
      Map<String, Node> p = fields(mapping(a.get("priority"), f + ".priority"), List.of("depends-on", "weight", "exclusive"),
          f + ".priority");
      long dep = p.containsKey("depends-on") ? integer(p.get("depends-on"), f + ".priority.depends-on", 0, 0x7fffffffL) : 0;
      if (p.containsKey("exclusive") && bool(p.get("exclusive"), f + ".priority.exclusive")) dep |= 0x80000000L;
      int weight = p.containsKey("weight") ? (int) integer(p.get("weight"), f + ".priority.weight", 1, 256) : 16;
      prefix.write((int) (dep >>> 24));
      prefix.write((int) (dep >>> 16));
      prefix.write((int) (dep >>> 8));
      prefix.write((int) dep);
      prefix.write(weight - 1);
      flags |= Flags.PRIORITY;
    }
    return new PeerStep.HeaderBlock(type, flags, stream, Bytes.wrap(prefix.toByteArray()), list, block, padding);
  }

  /** A list of {@code [name, value]} pairs; {@code {authority}} and {@code {path}} stand for the target's. */
  private List<HeaderField> fieldList(Node n, String f) throws ScenarioException {
    if (!(n instanceof SequenceNode seq)) throw error(n, f, "a list of [name, value] pairs");
    List<HeaderField> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof SequenceNode pair) || pair.getValue().size() != 2) {
        throw error(item, f, "each field is a pair [name, value]");
      }
      String name = scalar(pair.getValue().get(0), f);
      String value = scalar(pair.getValue().get(1), f).replace("{authority}", authority).replace("{path}", defaultPath);
      try {
        out.add(HeaderField.of(name, value));
      } catch (IllegalArgumentException e) {
        throw error(item, f, e.getMessage());
      }
    }
    return out;
  }

  private PeerStep frame(Node args, String f, Node item) throws ScenarioException {
    Map<String, Node> a = fields(mapping(args, f), List.of("type", "flags", "stream", "payload", "zeros", "length"), f);
    int type = frameType(req(a, "type", item, f), f + ".type");
    int flags = a.containsKey("flags") ? flags(a.get("flags"), f + ".flags", type) : 0;
    int stream = a.containsKey("stream") ? stream(a.get("stream"), f + ".stream", 0xffffffffL) : 0;
    Bytes payload = a.containsKey("payload") ? hex(a.get("payload"), f + ".payload") : Bytes.EMPTY;
    if (a.containsKey("zeros")) {
      // {@code zeros: N} appends N zero octets: large frames without pages of hex.
      int zeros = (int) integer(a.get("zeros"), f + ".zeros", 0, FrameWriter.MAX_LENGTH);
      byte[] all = java.util.Arrays.copyOf(payload.toArray(), payload.length() + zeros);
      payload = Bytes.wrap(all);
    }
    if (a.containsKey("length")) {
      int length = (int) integer(a.get("length"), f + ".length", 0, FrameWriter.MAX_LENGTH);
      return new PeerStep.SendBytes(Bytes.wrap(FrameWriter.writeRaw(new FrameHeader(length, type, flags, stream), payload)));
    }
    return new PeerStep.SendFrame(new Frame.Unknown(type, flags, stream, payload));
  }

  private Expectations expectations(Node node) throws ScenarioException {
    Map<String, Node> e = fields(mapping(node, "expect"), List.of("streams", "connection", "goaway"), "expect");
    List<StreamExpectation> streams = new ArrayList<>();
    if (e.containsKey("streams")) {
      for (NodeTuple t : mapping(e.get("streams"), "expect.streams").getValue()) {
        int id = (int) integer(t.getKeyNode(), "expect.streams", 1, Integer.MAX_VALUE);
        String f = "expect.streams." + id;
        Map<String, Node> s = fields(mapping(t.getValueNode(), f), List.of("status", "end", "reset", "body"), f);
        Integer status = s.containsKey("status") ? (int) integer(s.get("status"), f + ".status", 100, 999) : null;
        StreamEnd end = s.containsKey("end") ? StreamEnd.named(oneOf(s.get("end"), f + ".end",
            StreamEnd.END_STREAM.word, StreamEnd.RESET.word, StreamEnd.OPEN.word)) : null;
        Long reset = s.containsKey("reset") ? errorCode(s.get("reset"), f + ".reset") : null;
        Long body = s.containsKey("body") ? integer(s.get("body"), f + ".body", 0, Long.MAX_VALUE) : null;
        streams.add(new StreamExpectation(id, status, end, reset, body));
      }
    }
    ConnectionEnd connection = e.containsKey("connection") ? ConnectionEnd.named(oneOf(e.get("connection"),
        "expect.connection", ConnectionEnd.OPEN.word, ConnectionEnd.CLOSED.word)) : null;
    Long goaway = e.containsKey("goaway") ? errorCode(e.get("goaway"), "expect.goaway") : null;
    return new Expectations(streams, connection, goaway);
  }

  // ---- typed access with file:line errors -------------------------------------------------------

  private Map<String, Node> fields(MappingNode m, List<String> allowed, String where) throws ScenarioException {
    Map<String, Node> out = new java.util.LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), where);
      if (!allowed.contains(key)) {
        String field = where.equals("scenario") ? key : where + "." + key;
        throw error(t.getKeyNode(), field, "unknown field (allowed: " + String.join(", ", allowed) + ")");
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  private Node req(Map<String, Node> a, String key, Node at, String f) throws ScenarioException {
    Node n = a.get(key);
    if (n == null) throw error(at, f + "." + key, "missing");
    return n;
  }

  private int streamId(Map<String, Node> a, String f, Node at) throws ScenarioException {
    return stream(req(a, "stream", at, f), f + ".stream", 0x7fffffffL);
  }

  /** A stream id, or {@code next} (a new client stream) or {@code current} (the last one {@code next} gave). */
  private int stream(Node n, String f, long max) throws ScenarioException {
    String v = scalar(n, f);
    if (v.equals("next") || v.equals("current")) allocatedStream = true;
    if (v.equals("next")) {
      int id = nextStream;
      nextStream += 2;
      return id;
    }
    if (v.equals("current")) return nextStream - 2;
    int id = (int) integer(n, f, 0, max);
    if ((id & 1) == 1 && id + 2 > nextStream) nextStream = id + 2;
    return id;
  }

  private MappingNode mapping(Node n, String field) throws ScenarioException {
    if (n instanceof MappingNode m) return m;
    throw error(n, field, "expected a mapping");
  }

  private String scalar(Node n, String field) throws ScenarioException {
    if (n instanceof ScalarNode s) return s.getValue();
    throw error(n, field, "expected a single value");
  }

  private String string(Map<String, Node> top, String key, Node at, boolean required) throws ScenarioException {
    Node n = top.get(key);
    if (n == null) {
      if (required) throw error(at, key, "missing");
      return null;
    }
    String v = scalar(n, key).trim();
    if (v.isEmpty()) throw error(n, key, "empty");
    return v;
  }

  private boolean bool(Node n, String field) throws ScenarioException {
    String v = scalar(n, field);
    return switch (v) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw error(n, field, "expected true or false: \"" + v + "\"");
    };
  }

  private long integer(Node n, String field, long min, long max) throws ScenarioException {
    String v = scalar(n, field).replace("_", "");
    long x;
    try {
      x = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error(n, field, "expected an integer: \"" + v + "\"");
    }
    if (x < min || x > max) throw error(n, field, x + " is outside " + min + ".." + max);
    return x;
  }

  private int millis(Node n, String f) throws ScenarioException {
    if (n instanceof ScalarNode) return (int) integer(n, f, 0, 600_000);
    Map<String, Node> a = fields(mapping(n, f), List.of("ms"), f);
    return (int) integer(req(a, "ms", n, f), f + ".ms", 0, 600_000);
  }

  private String oneOf(Node n, String field, String... values) throws ScenarioException {
    String v = scalar(n, field);
    if (!List.of(values).contains(v)) throw error(n, field, "expected one of " + String.join(", ", values) + ": \"" + v + "\"");
    return v;
  }

  private long errorCode(Node n, String field) throws ScenarioException {
    String v = scalar(n, field);
    for (ErrorCode c : ErrorCode.values()) {
      if (c.name().equals(v)) return c.code;
    }
    return integer(n, field, 0, 0xffffffffL);
  }

  private int frameType(Node n, String field) throws ScenarioException {
    String v = scalar(n, field);
    for (FrameType t : FrameType.values()) {
      if (t.name().equals(v)) return t.code;
    }
    return (int) integer(n, field, 0, 255);
  }

  private int flags(Node n, String field, int type) throws ScenarioException {
    if (n instanceof ScalarNode) return (int) integer(n, field, 0, 255);
    if (!(n instanceof SequenceNode seq)) throw error(n, field, "a number or a list of flag names");
    int flags = 0;
    for (Node item : seq.getValue()) {
      String name = scalar(item, field);
      flags |= switch (name) {
        case "END_STREAM", "ACK" -> Flags.END_STREAM;
        case "END_HEADERS" -> Flags.END_HEADERS;
        case "PADDED" -> Flags.PADDED;
        case "PRIORITY" -> Flags.PRIORITY;
        default -> throw error(item, field, "unknown flag \"" + name + "\" (END_STREAM, ACK, END_HEADERS, PADDED, PRIORITY)");
      };
    }
    return flags;
  }

  private Bytes hex(Node n, String field) throws ScenarioException {
    String text = scalar(n, field);
    Bytes known = hexSeen.get(text);
    if (known != null) return known;
    StringBuilder v = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) continue;
      // A loop, not a regex: a repeated group is slow on the long blocks of flood scenarios.
      if (Character.digit(c, 16) < 0) throw error(n, field, "expected hex octets such as \"00 01 ff\"");
      v.append(c);
    }
    if (v.length() % 2 != 0) throw error(n, field, "expected hex octets such as \"00 01 ff\"");
    Bytes b = Bytes.fromHex(v.toString());
    hexSeen.put(text, b);
    return b;
  }

  /** Hex already parsed in this file: a repeated step parses its payload once. */
  private final Map<String, Bytes> hexSeen = new java.util.HashMap<>();

  private ScenarioException error(Node at, String field, String message) {
    return new ScenarioException(file, at == null ? 1 : line(at), field, message);
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }
}
