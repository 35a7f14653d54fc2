/**
 * The command line ({@code java -jar h2harness.jar}): {@code check}, {@code listen}, {@code fuzz} and
 * {@code serve}, with picocli. A user's mistake is one line on stderr and exit code 2; a target
 * that cannot be reached is exit code 3; never a stack trace.
 */
package dev.h2harness.cli;
