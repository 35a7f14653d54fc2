#!/usr/bin/env bash
# Runs the interop matrix (every server stack, h2c and TLS, small and large file) and writes
# docs/interop.md and docs/interop.json. Extra arguments go to Maven, e.g. -o or
# -Dh2harness.interop.parallelism=4.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B test -Dtest=InteropMatrixTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dh2harness.interop.write=true "$@"
