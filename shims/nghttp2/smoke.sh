#!/bin/sh
# Smoke test of h2h-nghttp2-shim: builds it, starts it on an ephemeral port,
# drives it with curl, nghttp and seqclient.py (sequential requests on one
# connection, for /h2h/log) and exits non-zero on the first mismatch.
# Needs: cc, make, libnghttp2-dev, curl, nghttp (nghttp2-client), perl, python3.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    i=0 # bounded wait for exit
    while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }
T() { timeout 30 "$@"; } # every client call is bounded

pattern() { # pattern N FILE: byte i is i % 251
  perl -e 'my $n = shift; my $b = pack("C*", map { $_ % 251 } 0 .. 250);
           print substr($b x (int($n / 251) + 1), 0, $n)' "$1" > "$2"
}

make -s -C "$HERE"
"$HERE/h2h-nghttp2-shim" --port 0 > "$TMP/stdout" 2> "$TMP/stderr" &
PID=$!
i=0
until grep -q '^listening on 127\.0\.0\.1:[0-9][0-9]*$' "$TMP/stdout"; do
  i=$((i + 1))
  [ $i -le 100 ] || fail "shim did not print its listening line"
  kill -0 "$PID" 2>/dev/null || fail "shim exited: $(cat "$TMP/stderr")"
  sleep 0.1
done
PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/stdout")
U="http://127.0.0.1:$PORT"
H2="--http2-prior-knowledge"
echo "shim pid $PID on port $PORT"

# index page and 404
T curl -sS $H2 "$U/" | grep -q 'libnghttp2 shim' || fail "index page"
ok "GET / is the index page"
code=$(T curl -sS $H2 -o /dev/null -w '%{http_code}' "$U/nope")
[ "$code" = 404 ] || fail "/nope gave $code"
ok "GET /nope is 404"

# SETTINGS: exactly MAX_CONCURRENT_STREAMS=100
T nghttp -nv "$U/" > "$TMP/settings.txt"
grep -q 'recv SETTINGS frame <length=6, flags=0x00, stream_id=0>' "$TMP/settings.txt" ||
  fail "server SETTINGS is not one entry"
grep -q 'SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100' "$TMP/settings.txt" ||
  fail "server SETTINGS lacks MAX_CONCURRENT_STREAMS=100"
ok "server SETTINGS is exactly MAX_CONCURRENT_STREAMS=100"

# body bytes, plain
pattern 100000 "$TMP/p100k"
T curl -sS $H2 -H 'h2h-body: 100000' "$U/" -o "$TMP/b1"
cmp "$TMP/b1" "$TMP/p100k" || fail "h2h-body: 100000 body differs"
ok "h2h-body: 100000 (curl, byte-exact)"

# chunked and padded: 100 DATA frames of 1000 bytes, each with padlen 7
T nghttp "$U/" -H 'h2h-body: 100000' -H 'h2h-chunk: 1000' -H 'h2h-pad: 7' > "$TMP/b2"
cmp "$TMP/b2" "$TMP/p100k" || fail "chunk+pad body differs"
# (-w/-W widen nghttp's windows: at a window edge maxLength can equal the
# read length, and then no padding is possible, contract §1.3)
T nghttp -nv -w 24 -W 24 "$U/" -H 'h2h-body: 100000' -H 'h2h-chunk: 1000' -H 'h2h-pad: 7' > "$TMP/v2"
n=$(grep -c 'recv DATA frame <length=1007, flags=0x0[89]' "$TMP/v2" || true)
p=$(grep -c '(padlen=7)' "$TMP/v2" || true)
[ "$n" = 100 ] && [ "$p" = 100 ] || fail "expected 100 padded frames of 1007, got $n / $p"
ok "h2h-chunk: 1000 + h2h-pad: 7 (nghttp, 100 frames, padlen 7, byte-exact)"

# padding max on a short body: 5 data bytes + 256
T nghttp -nv "$U/" -H 'h2h-body: 5' -H 'h2h-pad: max' > "$TMP/v3"
grep -q 'recv DATA frame <length=261, flags=0x09' "$TMP/v3" || fail "h2h-pad: max"
ok "h2h-pad: max gives padlen 256"

# trailers
T nghttp -nv "$U/" -H 'h2h-body: 100' -H 'h2h-trailers: yes' > "$TMP/v4"
grep -q 'recv (stream_id=[0-9]*) h2h-end: 100' "$TMP/v4" || fail "no h2h-end trailer"
grep -q 'recv DATA frame <length=100, flags=0x00' "$TMP/v4" || fail "DATA must not end the stream"
ok "h2h-trailers: yes ends with trailer h2h-end: 100"

# 400s
for h in 'h2h-body: abc' 'h2h-pad: 3' 'h2h-body: 1|h2h-foo: 1' \
  'h2h-body: 1|h2h-send-data: ok,maybe' 'h2h-body: 1099511627777'; do
  set --
  oldifs=$IFS; IFS='|'
  for x in $h; do set -- "$@" -H "$x"; done
  IFS=$oldifs
  code=$(T curl -sS $H2 -o "$TMP/e" -w '%{http_code}' "$@" "$U/")
  [ "$code" = 400 ] || fail "'$h' gave $code"
  ok "400 for '$h': $(cat "$TMP/e")"
done

SEQ="python3 $HERE/seqclient.py $PORT $TMP/s"

# scripted WOULDBLOCK twice, then ok: the retries have the same frame
T $SEQ '/|h2h-body: 1000|h2h-send-data: wouldblock, wouldblock,ok' \
  '/h2h/log?stream=1' > "$TMP/r5"
head -c 1000 "$TMP/p100k" | cmp - "$TMP/s.1" || fail "wouldblock body differs"
# sendCall depends on how the preface and SETTINGS were batched, so it is
# checked relative: three consecutive nghttp2_session_send() calls.
want='{"stream":1,"calls":[{"seq":1,"sendCall":S,"reads":1,"frameHeader":"0003e8000100000001","frameLength":1000,"type":0,"flags":1,"streamId":1,"dataLength":1000,"padlen":0,"returned":-504},{"seq":2,"sendCall":S,"reads":1,"frameHeader":"0003e8000100000001","frameLength":1000,"type":0,"flags":1,"streamId":1,"dataLength":1000,"padlen":0,"returned":-504},{"seq":3,"sendCall":S,"reads":1,"frameHeader":"0003e8000100000001","frameLength":1000,"type":0,"flags":1,"streamId":1,"dataLength":1000,"padlen":0,"returned":0}]}'
got=$(sed 's/"sendCall":[0-9]*/"sendCall":S/g' "$TMP/s.2")
[ "$got" = "$want" ] || fail "wouldblock log: $(cat "$TMP/s.2")"
calls=$(grep -o '"sendCall":[0-9]*' "$TMP/s.2" | cut -d: -f2 | tr '\n' ' ')
set -- $calls
[ $2 -eq $(($1 + 1)) ] && [ $3 -eq $(($2 + 1)) ] || fail "wouldblock sendCalls: $calls"
ok "wouldblock,wouldblock,ok: same frame retried in 3 consecutive send() calls"

# PAUSE ends the send() call; the next frame comes in the next one
T $SEQ '/|h2h-body: 3000|h2h-chunk: 1000|h2h-send-data: pause' \
  '/h2h/log?stream=1' > "$TMP/r6"
head -c 3000 "$TMP/p100k" | cmp - "$TMP/s.1" || fail "pause body differs"
calls=$(grep -o '"sendCall":[0-9]*' "$TMP/s.2" | cut -d: -f2 | tr '\n' ' ')
rets=$(grep -o '"returned":-*[0-9]*' "$TMP/s.2" | cut -d: -f2 | tr '\n' ' ')
set -- $calls
[ "$rets" = "-526 0 0 " ] && [ $2 -eq $(($1 + 1)) ] || fail "pause log: $(cat "$TMP/s.2")"
ok "pause: frame written, next frame in the next send() call"

# TEMPORAL_CALLBACK_FAILURE: RST_STREAM(INTERNAL_ERROR), connection lives on
T $SEQ '/|h2h-body: 40000|h2h-send-data: ok,temporal-failure' '/' > "$TMP/r7"
grep -q '^stream=1 status=200 bytes=16384 .* rst=2 closed=no$' "$TMP/r7" || fail "temporal-failure: $(cat "$TMP/r7")"
grep -q '^stream=3 status=200 ' "$TMP/r7" || fail "connection did not survive temporal-failure"
head -c 16384 "$TMP/p100k" | cmp - "$TMP/s.1" || fail "temporal-failure body differs"
ok "temporal-failure: RST_STREAM(0x2) after the first frame, connection usable"

# CALLBACK_FAILURE: the frames before it arrive, then the connection closes
T $SEQ '/|h2h-body: 40000|h2h-send-data: ok,callback-failure' '/' > "$TMP/r8"
grep -q '^stream=1 status=200 bytes=16384 .*closed=yes$' "$TMP/r8" || fail "callback-failure: $(cat "$TMP/r8")"
head -c 16384 "$TMP/p100k" | cmp - "$TMP/s.1" || fail "callback-failure body differs"
ok "callback-failure: first frame delivered, then the connection closed"

# several connections at once, large bodies
pattern 3000000 "$TMP/p3m"
pids=
for k in 1 2 3 4; do
  T curl -sS $H2 -H 'h2h-body: 3000000' -H "h2h-chunk: $((k * 4000))" -H "h2h-pad: $k" \
    "$U/" -o "$TMP/c$k" &
  pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "concurrent curl failed"; done # not the shim
for k in 1 2 3 4; do cmp "$TMP/c$k" "$TMP/p3m" || fail "concurrent body $k differs"; done
ok "4 concurrent connections, 3 MB each, byte-exact"

kill -0 "$PID" || fail "shim died"
kill -TERM "$PID"
i=0
while kill -0 "$PID" 2>/dev/null; do
  i=$((i + 1)); [ $i -le 50 ] || fail "shim ignored SIGTERM"; sleep 0.1
done
wait "$PID" || fail "shim exit status $?"
PID=
ok "SIGTERM: exit 0"
echo "all smoke checks passed"
