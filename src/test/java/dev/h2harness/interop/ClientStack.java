package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One HTTP/2 client set-up in the matrix (curl, nghttp, a Node.js client, ...), judged by
 * {@code h2harness listen --client-cmd}. {@code id} names it in the expectations file and the docs.
 */
interface ClientStack {
  /** The client scenarios every client row runs (what {@code listen --only} selects). */
  List<String> GENERIC = List.of("client/generic/", "client/reactions/");

  String id();

  /** Human name with its configuration, e.g. "nghttp -b 255 (padding)". */
  String name();

  /** The exact version of the client under test, as it reports it. */
  String version();

  Set<Wire> wires();

  /** Why it cannot run here (a program missing), or null. */
  String missing();

  /**
   * The shell command that runs the client once, uploading {@code body} to {@code {url}}; throws
   * when the client cannot be made ready (a build that fails), which fails the row's cells.
   */
  String command(Wire wire, Path body) throws Exception;

  /** listen's --timeout in seconds: how long any wait for the client may take. */
  default double timeoutSeconds() {
    return 2;
  }

  /** The scenarios its rows run ({@code --only} values); {@link #GENERIC} unless a scenario is flaky for it. */
  default List<String> only() {
    return GENERIC;
  }
}
