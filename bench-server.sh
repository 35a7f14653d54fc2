#!/usr/bin/env bash
# Benchmarks the reference server against nghttpd with h2load (both from nghttp2), on the same
# files, in the same run, both on 127.0.0.1:
#   large: one 1 GiB download on one stream          (h2load -n 1 -c 1 -m 1)
#   small: 100,000 requests of 1 KiB, 10 connections x 10 streams (h2load -n 100000 -c 10 -m 10)
# Each server gets a warm-up pass of both (the JVM compiles its hot code; nghttpd and the page
# cache warm up too), then ROUNDS measured runs, alternating servers; the median is reported with
# its ratio to nghttpd. Figures go to stdout and target/bench-server.txt.
#
#   ./bench-server.sh                 # ROUNDS=3
#   ROUNDS=5 SERVE_ARGS="--file-send transfer-to" ./bench-server.sh
#   NGHTTPD_ARGS="-n 2" ./bench-server.sh     # nghttpd with as many workers as serve has threads
#   BASE_JAR=old/h2harness.jar ROUNDS=7 ./bench-server.sh   # also another build's serve, interleaved
#
# BASE_JAR: a second h2harness jar (another release or commit) served the same way beside this one;
# each round runs serve, base and nghttpd in turn, and the report adds base's medians and serve/base.
# Needs h2load and nghttpd: apt-get install nghttp2-client nghttp2-server. Every h2load run is
# bounded by RUN_TIMEOUT seconds (default 300); every server is stopped on exit.
set -euo pipefail
BASE_JAR=${BASE_JAR:-}
if [ -n "$BASE_JAR" ]; then
  [ -f "$BASE_JAR" ] || { echo "bench-server.sh: BASE_JAR $BASE_JAR: no such file" >&2; exit 2; }
  BASE_JAR=$(realpath "$BASE_JAR") # before the cd below
fi
cd "$(dirname "$0")"

ROUNDS=${ROUNDS:-3}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}
for p in h2load nghttpd java; do
  command -v "$p" >/dev/null || { echo "bench-server.sh: $p not found (apt-get install nghttp2-client nghttp2-server)" >&2; exit 2; }
done

pids=()
logs=()
cleanup() {
  for pid in ${pids[@]+"${pids[@]}"}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -f ${logs[@]+"${logs[@]}"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f target/h2harness.jar ]; then
  echo "bench-server.sh: building target/h2harness.jar" >&2
  mvn -q -B -DskipTests package
fi

www=target/bench-www
mkdir -p "$www"
[ "$(stat -c %s "$www/1g.bin" 2>/dev/null || echo 0)" = 1073741824 ] || truncate -s 1G "$www/1g.bin"
[ -f "$www/1k.bin" ] || head -c 1024 /dev/urandom >"$www/1k.bin"

# The reference server from JAR, on a free port it picks itself; sets serve_url.
start_serve() {
  local jar=$1 log url=""
  log=$(mktemp); logs+=("$log")
  # shellcheck disable=SC2086
  java -jar "$jar" serve --port 0 --root "$www" ${SERVE_ARGS:-} >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    url=$(sed -n 's/^h2harness serve: listening on //p' "$log")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; echo "bench-server.sh: serve from $jar did not start" >&2; exit 1; }
  serve_url=$url
}
start_serve target/h2harness.jar
declare -A urls=([serve]=$serve_url)
servers=(serve)
if [ -n "$BASE_JAR" ]; then
  start_serve "$BASE_JAR"
  urls[base]=$serve_url
  servers+=(base)
  serve_url=${urls[serve]}
fi

# nghttpd, bound to 127.0.0.1 (-a), on a port nobody answers on.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ng_port=""
for _ in $(seq 50); do
  p=$((20000 + RANDOM % 40000))
  if port_free "$p"; then ng_port=$p; break; fi
done
[ -n "$ng_port" ] || { echo "bench-server.sh: no free port for nghttpd" >&2; exit 1; }
nglog=$(mktemp); logs+=("$nglog")
# shellcheck disable=SC2086
nghttpd --no-tls -a 127.0.0.1 -d "$www" ${NGHTTPD_ARGS:-} "$ng_port" >"$nglog" 2>&1 &
ng_pid=$!
pids+=("$ng_pid")
for _ in $(seq 100); do
  port_free "$ng_port" || break
  kill -0 "$ng_pid" 2>/dev/null || { cat "$nglog" >&2; echo "bench-server.sh: nghttpd exited" >&2; exit 1; }
  sleep 0.1
done
ng_url="http://127.0.0.1:$ng_port/"
urls[nghttpd]=$ng_url
servers+=(nghttpd)

# One h2load run; prints "seconds req/s" or fails.
run() {
  local url=$1; shift
  local out
  out=$(timeout "$RUN_TIMEOUT" h2load "$@" "$url" 2>&1) || { echo "$out" >&2; echo "bench-server.sh: h2load failed on $url" >&2; return 1; }
  local n
  n=$(sed -n 's/^requests: \([0-9]*\) total.* \([0-9]*\) succeeded.*/\1 \2/p' <<<"$out")
  [ "$(cut -d' ' -f1 <<<"$n")" = "$(cut -d' ' -f2 <<<"$n")" ] || { echo "$out" >&2; echo "bench-server.sh: failed requests on $url" >&2; return 1; }
  sed -n 's/^finished in \([0-9.]*\)\([a-z]*\), \([0-9.]*\) req\/s.*/\1 \2 \3/p' <<<"$out" |
    awk '{ t = $1; if ($2 == "ms") t /= 1000; if ($2 == "us") t /= 1000000; printf "%.4f %.1f\n", t, $3 }'
}

large=(-n 1 -c 1 -m 1)
small=(-n 100000 -c 10 -m 10)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "bench-server.sh: serve at $serve_url,${BASE_JAR:+ base ($BASE_JAR) at ${urls[base]},} nghttpd at $ng_url, ${ROUNDS} rounds after a warm-up" >&2
for who in "${servers[@]}"; do
  run "${urls[$who]}1g.bin" "${large[@]}" >/dev/null
  run "${urls[$who]}1k.bin" "${small[@]}" >/dev/null
done

load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
declare -A samples
for r in $(seq "$ROUNDS"); do
  for who in "${servers[@]}"; do
    url=${urls[$who]}
    s=$(run "${url}1g.bin" "${large[@]}") || exit 1
    samples[$who-large]+="$(awk '{ printf "%.1f", 1073741824 / $1 / 1048576 }' <<<"$s")"$'\n'
    s=$(run "${url}1k.bin" "${small[@]}") || exit 1
    samples[$who-small]+="$(cut -d' ' -f2 <<<"$s")"$'\n'
  done
  echo "bench-server.sh: round $r of $ROUNDS done" >&2
done

load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
sl=$(printf '%s' "${samples[serve-large]}" | median)
nl=$(printf '%s' "${samples[nghttpd-large]}" | median)
ss=$(printf '%s' "${samples[serve-small]}" | median)
ns=$(printf '%s' "${samples[nghttpd-small]}" | median)
report=$(
  echo "h2load against serve (${SERVE_ARGS:-defaults}) and nghttpd $(nghttpd --version 2>/dev/null | awk '{print $NF}') (${NGHTTPD_ARGS:-defaults}), median of $ROUNDS, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $load_before to $load_after"
  printf '%-44s %12s %12s %8s\n' "workload" "serve" "nghttpd" "ratio"
  printf '%-44s %9s MiB/s %6s MiB/s %7.2fx\n' "1 GiB, one stream (-n 1 -c 1 -m 1)" "$sl" "$nl" "$(awk "BEGIN { print $sl / $nl }")"
  printf '%-44s %9s req/s %6s req/s %7.2fx\n' "100,000 x 1 KiB (-n 100000 -c 10 -m 10)" "$ss" "$ns" "$(awk "BEGIN { print $ss / $ns }")"
  if [ -n "$BASE_JAR" ]; then
    bl=$(printf '%s' "${samples[base-large]}" | median)
    bs=$(printf '%s' "${samples[base-small]}" | median)
    echo "base: $BASE_JAR, the same way, interleaved with serve"
    printf '%-44s %9s %12s %8s\n' "workload" "serve" "base" "ratio"
    printf '%-44s %9s MiB/s %6s MiB/s %7.2fx\n' "1 GiB, one stream (-n 1 -c 1 -m 1)" "$sl" "$bl" "$(awk "BEGIN { print $sl / $bl }")"
    printf '%-44s %9s req/s %6s req/s %7.2fx\n' "100,000 x 1 KiB (-n 100000 -c 10 -m 10)" "$ss" "$bs" "$(awk "BEGIN { print $ss / $bs }")"
  fi
)
echo "$report"
mkdir -p target
echo "$report" >target/bench-server.txt
