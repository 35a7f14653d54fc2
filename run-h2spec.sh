#!/usr/bin/env bash
# Runs h2spec, the HTTP/2 conformance tester, against the reference server (started here on a free
# loopback port) or against any other server (--target HOST:PORT). Exits with h2spec's status.
#
#   ./run-h2spec.sh                       # h2c reference server, all of h2spec
#   ./run-h2spec.sh --tls                 # reference server over TLS (ALPN h2)
#   ./run-h2spec.sh -S                    # strict mode; any other argument goes to h2spec too
#   ./run-h2spec.sh http2/6.1             # one section
#   ./run-h2spec.sh --target 127.0.0.1:8443 --tls
#
# Environment: H2SPEC (path to h2spec, else looked up on PATH), H2SPEC_TIMEOUT (seconds for the
# whole run, default 900). The JUnit report goes to target/h2spec-report.xml.
set -euo pipefail
cd "$(dirname "$0")"

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }

target=""
tls=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target)
      [ $# -ge 2 ] || { echo "run-h2spec.sh: --target needs HOST:PORT" >&2; exit 2; }
      target=$2; shift 2 ;;
    --tls) tls=1; shift ;;
    --help) usage; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done

h2spec=${H2SPEC:-$(command -v h2spec || true)}
if [ -z "$h2spec" ] || [ ! -x "$h2spec" ]; then
  cat >&2 <<'MSG'
run-h2spec.sh: h2spec not found.
  h2spec is the HTTP/2 conformance tester by summerwind: https://github.com/summerwind/h2spec
  Download a release binary for your platform from https://github.com/summerwind/h2spec/releases,
  then put it on PATH or point H2SPEC at it:
    H2SPEC=/path/to/h2spec ./run-h2spec.sh
MSG
  exit 2
fi

server_pid=""
log=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -z "$log" ] || rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

if [ -z "$target" ]; then
  if [ ! -f target/h2harness.jar ]; then
    echo "run-h2spec.sh: building target/h2harness.jar" >&2
    mvn -q -B -DskipTests package
  fi
  log=$(mktemp)
  serve=(java -jar target/h2harness.jar serve --port 0)
  [ "$tls" = 1 ] && serve+=(--tls)
  "${serve[@]}" >"$log" 2>&1 &
  server_pid=$!
  url=""
  for _ in $(seq 600); do
    url=$(sed -n 's/^h2harness serve: listening on //p' "$log")
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "run-h2spec.sh: serve exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; echo "run-h2spec.sh: serve printed no URL in 60 s" >&2; exit 1; }
  hostport=${url#*://}
  hostport=${hostport%/}
  echo "run-h2spec.sh: reference server at $url" >&2
else
  hostport=$target
fi

host=${hostport%:*}
port=${hostport##*:}
mkdir -p target
cmd=("$h2spec" -h "$host" -p "$port" -j target/h2spec-report.xml)
[ "$tls" = 1 ] && cmd+=(-t -k)
set +e
timeout "${H2SPEC_TIMEOUT:-900}" "${cmd[@]}" ${args[@]+"${args[@]}"}
status=$?
set -e
[ "$status" = 124 ] && echo "run-h2spec.sh: h2spec timed out after ${H2SPEC_TIMEOUT:-900} s" >&2
exit "$status"
