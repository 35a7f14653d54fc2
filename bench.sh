#!/usr/bin/env bash
# Runs the JMH benchmarks of src/test/java/dev/h2harness/bench (all of them unless a class is named).
#   ./bench.sh                 short run: -f 1 -wi 2 -i 3 -w 1s -r 1s
#   ./bench.sh [JMH args]      any org.openjdk.jmh.Main arguments instead, e.g.
#   ./bench.sh -f 3 -wi 5 -i 10 FrameReaderBench.small
# Figures: "bytes" and "frames" are the per-second rates of the auxiliary counters; the
# arraycopy* benchmarks are a System.arraycopy baseline over the same streams.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 2 -i 3 -w 1s -r 1s
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" org.openjdk.jmh.Main "$@"
