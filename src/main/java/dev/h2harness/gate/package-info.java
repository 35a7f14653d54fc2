/**
 * What a run needs to live in a CI gate: shards of the catalogue ({@link dev.h2harness.gate.Shard}),
 * repeated runs that find flaky scenarios ({@link dev.h2harness.gate.Repeats}), GitHub Actions
 * workflow commands ({@link dev.h2harness.gate.GithubAnnotations}), the merge of shards' JSON reports
 * ({@link dev.h2harness.gate.ShardReports}) and the {@code --config} file
 * ({@link dev.h2harness.gate.ConfigFile}). It knows scenario results and reports, never sockets or
 * frames.
 */
package dev.h2harness.gate;
