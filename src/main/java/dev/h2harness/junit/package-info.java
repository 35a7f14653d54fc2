/**
 * The JUnit 5 entry point for Java projects: {@link dev.h2harness.junit.H2Harness} turns the
 * scenario catalogue into dynamic tests against a server the project starts in its own tests. It is
 * the one public type here; it knows scenarios, the runner and the target probe, never the command
 * line's options or reports. JUnit Jupiter is a provided dependency: the project under test brings it.
 */
package dev.h2harness.junit;
