/**
 * Checking a saved connection offline: a {@link dev.h2harness.capture.Recording} fed through the
 * same connection model and rules as a live run, into the same result type the reports take.
 * Owns no rule of its own; must not know file formats (that is the capture package), nor what
 * control headers ask for (the scenario layer's {@link dev.h2harness.scenario.ControlBodies} says).
 */
package dev.h2harness.replay;
