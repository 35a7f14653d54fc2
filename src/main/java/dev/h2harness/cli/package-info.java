/**
 * The command line ({@code java -jar h2harness.jar}): {@code check}, {@code listen}, {@code fuzz},
 * {@code serve}, {@code replay} and {@code merge}, with picocli; options several commands share are
 * mixins ({@code --html}/{@code --pcap}, {@code --shard}, {@code --config}, {@code --repeat} and
 * {@code --annotations}). A user's mistake is one line on stderr and exit code 2; a target that
 * cannot be reached is exit code 3; never a stack trace.
 */
package dev.h2harness.cli;
