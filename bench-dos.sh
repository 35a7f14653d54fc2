#!/usr/bin/env bash
# The published HTTP/2 denial-of-service patterns against the reference server (run with
# -Xmx256m) and against nghttpd, in the same run, both on 127.0.0.1: each attack (from 127.0.0.2)
# is repeated on new connections for SECONDS (default 5), while a legitimate client (from
# 127.0.0.1) opens a new connection every 200 ms for GET /index.html; its p50 during the attack is
# compared with its p50 just before, and measured again in the second after. Then serve's heap
# after a GC, and whether SIGTERM stops it. First every attack runs once, unmeasured, against both
# (WARMUP seconds each, default 1): the JVM compiles its hot paths, as in bench-server.sh. The table goes to stdout and target/bench-dos.txt.
#
#   ./bench-dos.sh
#   SECONDS_PER_ATTACK=10 SCALE=1 ./bench-dos.sh
#
# Needs nghttpd (apt-get install nghttp2-server) and the test classes (mvn test-compile).
# Loopback only; every attack is bounded in frames, connections and seconds.
set -euo pipefail
cd "$(dirname "$0")"

SECONDS_PER_ATTACK=${SECONDS_PER_ATTACK:-5}
SCALE=${SCALE:-1}
for p in nghttpd java; do
  command -v "$p" >/dev/null || { echo "bench-dos.sh: $p not found (apt-get install nghttp2-server)" >&2; exit 2; }
done

pids=()
logs=()
cleanup() {
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -f ${logs[@]+"${logs[@]}"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f target/h2harness.jar ] || [ ! -d target/test-classes/dev/h2harness/attack ]; then
  echo "bench-dos.sh: building the jar and the test classes" >&2
  mvn -q -B -DskipTests package test-compile
fi

www=target/bench-dos-www
mkdir -p "$www"
echo '<!doctype html><title>h2harness</title><p>index</p>' >"$www/index.html"

log=$(mktemp); logs+=("$log")
java -Xmx256m -jar target/h2harness.jar serve --port 0 --root "$www" >"$log" 2>&1 &
serve_pid=$!
pids+=("$serve_pid")
serve_url=""
for _ in $(seq 600); do
  serve_url=$(sed -n 's/^h2harness serve: listening on //p' "$log")
  [ -n "$serve_url" ] && break
  sleep 0.1
done
[ -n "$serve_url" ] || { cat "$log" >&2; echo "bench-dos.sh: serve did not start" >&2; exit 1; }
serve_port=$(sed 's#.*:\([0-9]*\)/$#\1#' <<<"$serve_url")

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
nglog=$(mktemp); logs+=("$nglog")
ng_port=""
for _ in $(seq 10); do   # a port can be taken between our look and nghttpd's bind: try another
  p=$((20000 + RANDOM % 40000))
  port_free "$p" || continue
  nghttpd --no-tls -a 127.0.0.1 -d "$www" "$p" >"$nglog" 2>&1 &
  ng_pid=$!
  for _ in $(seq 100); do
    port_free "$p" || { ng_port=$p; break; }
    kill -0 "$ng_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$ng_port" ]; then pids+=("$ng_pid"); break; fi
  kill "$ng_pid" 2>/dev/null || true; wait "$ng_pid" 2>/dev/null || true
done
[ -n "$ng_port" ] || { cat "$nglog" >&2; echo "bench-dos.sh: nghttpd did not start" >&2; exit 1; }

heap() { jcmd "$serve_pid" GC.run >/dev/null 2>&1 || true; sleep 0.5
  jcmd "$serve_pid" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1; }
idle_heap=$(heap)

echo "bench-dos.sh: serve (-Xmx256m) at $serve_url, nghttpd at 127.0.0.1:$ng_port; $SECONDS_PER_ATTACK s per attack" >&2
table=$(timeout 1800 java -cp target/test-classes:target/h2harness.jar dev.h2harness.attack.DosBench \
  "nghttpd $(nghttpd --version 2>/dev/null | awk '{print $NF}')=127.0.0.1:$ng_port" "serve=127.0.0.1:$serve_port" \
  --seconds "$SECONDS_PER_ATTACK" --scale "$SCALE" --warmup "${WARMUP:-1}")

sleep 1
after_heap=$(heap)
oom=no; grep -q OutOfMemoryError "$log" && oom=yes
t0=$(date +%s%N)
kill -TERM "$serve_pid"
stopped=no
for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.05; done
stop_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
report=$(
  echo "Attacks from 127.0.0.2, legitimate client from 127.0.0.1, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $SECONDS_PER_ATTACK s per attack"
  echo
  echo "$table"
  echo
  echo "serve: heap after GC ${idle_heap:-?} KiB before the attacks, ${after_heap:-?} KiB after; OutOfMemoryError: $oom; SIGTERM: $([ $stopped = yes ] && echo "stopped in $stop_ms ms" || echo "still running after $stop_ms ms")"
)
echo "$report"
mkdir -p target
echo "$report" >target/bench-dos.txt
