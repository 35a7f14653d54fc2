package dev.h2harness.interop;

import java.nio.file.Path;
import java.util.Set;

/**
 * One server set-up in the matrix: a stack (nginx, Apache httpd, ...) in one configuration.
 * {@code id} names it in the expectations file and the docs (e.g. {@code apache-h2padding}).
 */
interface ServerStack {
  String id();

  /** Human name with its configuration, e.g. "Apache httpd + mod_http2, H2Padding 8". */
  String name();

  /** The exact version of the software under test, as the stack reports it. */
  String version();

  Set<Wire> wires();

  /** Why it cannot run here (a program or package missing), or null. */
  String missing();

  /** Starts a server over {@code wire} serving {@code root}; {@code work} is a private temp folder. */
  RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception;
}
