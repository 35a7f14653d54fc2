package dev.h2harness.frame;

/** The typed view of a raw frame, or the structural problem that prevents one. */
public sealed interface ParsedFrame {
  record Ok(Frame frame) implements ParsedFrame {}

  record Bad(FrameProblem problem) implements ParsedFrame {}
}
