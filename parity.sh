#!/usr/bin/env bash
# Parity between h2spec and the rfc9113/ catalogue on one h2c target: runs h2spec (defaults,
# timeout 2 s) and `h2harness check --only rfc9113/` (strict, then --lenient) against the same
# server and compares them case by case through the mapping in docs/h2spec-mapping.md.
#
#   ./parity.sh http://127.0.0.1:8080/index.html [LABEL]   # a server already running (h2c)
#   ./parity.sh --stack ID                # starts it here on a free loopback port, stops it after:
#                                         # serve (the reference server), or an interop stack:
#                                         # nghttpd, nginx, h2o, apache, go, node
#   ./parity.sh --markdown DIR...         # the tables of docs/h2spec-mapping.md from earlier runs
#
# Reports go to target/parity/LABEL/ (h2spec.xml, h2harness.json, h2harness-lenient.json,
# target.txt). Environment: H2SPEC (path to h2spec, else looked up on PATH). Exit 0 after a
# comparison whatever the verdicts, 2 for a usage error or a missing program, 1 when a run broke.
set -euo pipefail
cd "$(dirname "$0")"

usage() { sed -n '2,14s/^# \{0,1\}//p' "$0"; }
die() { echo "parity.sh: $1" >&2; exit "${2:-2}"; }

classpath() {
  if [ ! -f target/h2harness.jar ] || [ ! -f target/test-classes/dev/h2harness/parity/ParityMain.class ]; then
    echo "parity.sh: building target/h2harness.jar and the test classes" >&2
    mvn -q -B -DskipTests package >&2 || die "the build failed" 1
  fi
  if [ ! -s target/parity/classpath.txt ]; then
    mkdir -p target/parity
    mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/parity/classpath.txt >&2 \
      || die "could not resolve the test classpath (mvn dependency:build-classpath)" 1
  fi
  echo "target/test-classes:target/h2harness.jar:$(cat target/parity/classpath.txt)"
}

case "${1:-}" in
  --help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
  --markdown)
    shift
    [ $# -ge 1 ] || die "--markdown needs at least one DIR from an earlier run"
    exec java -cp "$(classpath)" dev.h2harness.parity.ParityMain markdown docs/h2spec-mapping.md "$@" ;;
esac

h2spec=${H2SPEC:-$(command -v h2spec || true)}
[ -n "$h2spec" ] && [ -x "$h2spec" ] || die "h2spec not found: put it on PATH or set H2SPEC (https://github.com/summerwind/h2spec/releases)"

server_pid=""
log=$(mktemp)
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# Waits for LINE-PREFIX in the server's output; prints the rest of that line.
await() {
  local prefix=$1 value=""
  for _ in $(seq 1200); do
    value=$(sed -n "s|^$prefix||p" "$log" | head -1)
    [ -n "$value" ] && { echo "$value"; return; }
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "the server exited before listening" 1; }
    sleep 0.1
  done
  cat "$log" >&2
  die "the server printed no '$prefix' in 120 s" 1
}

how=""
if [ "$1" = "--stack" ]; then
  [ $# -eq 2 ] || die "--stack needs one ID: serve, nghttpd, nginx, h2o, apache, go or node"
  label=$2
  case "$label" in
    serve|nghttpd|nginx|h2o|apache|go|node) ;;
    *) die "--stack $label: unknown; one of serve, nghttpd, nginx, h2o, apache, go, node" ;;
  esac
  cp=$(classpath)
  if [ "$label" = serve ]; then
    java -jar target/h2harness.jar serve --port 0 >"$log" 2>&1 &
    server_pid=$!
    url=$(await "h2harness serve: listening on ")
    version="reference server ($(java -jar target/h2harness.jar --version 2>/dev/null | head -1))"
    how="\`h2harness serve --port 0\`"
  else
    java -cp "$cp" dev.h2harness.interop.StackMain "$label" >"$log" 2>&1 &
    server_pid=$!
    url=$(await "url ")
    version=$(await "version ")
    how="the interop matrix's h2c config (\`./parity.sh --stack $label\`)"
  fi
  echo "parity.sh: $version at $url" >&2
else
  [ $# -le 2 ] || die "expected TARGET-URL [LABEL], got $*"
  url=$1
  label=${2:-$(echo "$url" | sed 's|^[a-z]*://||; s|[^A-Za-z0-9.]|-|g')}
  version=$label
  how="\`$url\`"
  cp=$(classpath)
fi

case "$url" in
  http://*) ;;
  https://*) die "$url: parity.sh compares over h2c only (http://)" ;;
  *) die "$url: the target must be an http:// URL" ;;
esac
hostport=${url#http://}
path=/${hostport#*/}
[ "$path" = "/$hostport" ] && path=/
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
[ "$host" != "$port" ] || die "$url: the URL needs a port"

out=target/parity/$label
rm -rf "$out"
mkdir -p "$out"
printf '%s\n%s, path %s\n' "$version" "$how" "$path" >"$out/target.txt"

set +e
timeout 900 "$h2spec" -h "$host" -p "$port" -P "$path" -o 2 -j "$out/h2spec.xml" >"$out/h2spec.txt" 2>&1
status=$?
set -e
[ -s "$out/h2spec.xml" ] || { tail -5 "$out/h2spec.txt" >&2; die "h2spec wrote no report (exit $status)" 1; }
java -jar target/h2harness.jar check --target "$url" --only rfc9113/ --timeout 2 --json "$out/h2harness.json" \
  >"$out/h2harness.txt" 2>&1 || true
java -jar target/h2harness.jar check --target "$url" --only rfc9113/ --timeout 2 --lenient \
  --json "$out/h2harness-lenient.json" >"$out/h2harness-lenient.txt" 2>&1 || true
[ -s "$out/h2harness.json" ] || { tail -5 "$out/h2harness.txt" >&2; die "h2harness check wrote no report" 1; }

echo "parity: $version ($url), reports in $out"
java -cp "$cp" dev.h2harness.parity.ParityMain compare docs/h2spec-mapping.md "$out/h2spec.xml" "$out/h2harness.json"
