package dev.h2harness.cli;

import dev.h2harness.gate.Shard;
import picocli.CommandLine.Option;

/** {@code --shard I/N}: this machine's part of a campaign a CI matrix spreads over N machines. */
final class ShardOption {
  @Option(names = "--shard", paramLabel = "I/N", description = "run shard I of N (1 <= I <= N): scenarios are "
      + "assigned by a hash of their id, so shards 1/N..N/N together run each scenario once and a new "
      + "scenario moves no other; combine the shards' --json reports with `merge`")
  String shard;

  /** The shard; throws {@link IllegalArgumentException} with a one-line message for a bad value. */
  Shard value() {
    return shard == null ? Shard.ALL : Shard.parse(shard);
  }
}
