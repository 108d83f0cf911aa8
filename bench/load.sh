#!/usr/bin/env bash
# Load benchmark of POST /pro/user-manager/v1/verify against nginx answering a fixed 200, on this
# machine, 127.0.0.1 only, bounded in time:
#   1. seeds KEYS keys (default 100000) into a fresh embedded store and starts it exactly as the
#      README starts a server, `./keywarden serve` (the launcher's JVM flags for serve), then warms it
#      with three rounds of random keys (the steady state: all keys cached);
#   2. wrk at full speed against verify (random seeded key per request), against forward-auth, and
#      against nginx (the same requests as verify): requests/s, p50/p99 and server CPU microseconds per request from /proc/<pid>/stat
#      (utime+stime of the server process; of nginx's master and workers), and their ratios;
#   3. hey at a fixed offered rate of half nginx's measured maximum against verify: p50/p99 (and,
#      for context, at a quarter, and nginx at half as a control), with the CPU hey itself used.
# Targets on a 2-core machine: verify CPU/request <= 2x nginx's; p99 <= 2 ms at the fixed rate.
#
# Usage: bench/load.sh            (env: KEYS, DURATION seconds per run, CONNECTIONS, THREADS)
# Installs wrk, hey and nginx with apt-get if they are missing. About two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
KEYS="${KEYS:-100000}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
HEY_WORKERS="${HEY_WORKERS:-50}"
NGINX=/usr/sbin/nginx

install_missing() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v hey >/dev/null || missing+=(hey)
  [ -x "$NGINX" ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -q "${missing[@]}" >/dev/null ||
      { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null; }
  fi
}

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

wait_for_port() {
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# utime+stime, in clock ticks, summed over the given processes.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    if [ -r "/proc/$pid/stat" ]; then
      total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    fi
  done
  echo "$total"
}

# Per-thread CPU ticks of a process, as "tid ticks name" lines.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    echo "$(basename "$task") $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}') $(tr ' ' '_' <"$task/comm")"
  done | sort
}

# Where a process spent CPU between two thread_ticks snapshots, by thread name, in percent.
thread_split() {
  join "$1" "$2" | awk '{d = $4 - $2; if (d > 0) {n = $3; gsub(/[0-9]+$/, "", n); s[n] += d; t += d}}
    END {for (k in s) if (s[k] * 100 >= t) printf "%s %.0f%%, ", k, s[k] * 100 / t; print ""}'
}

# A wrk or hey latency ("812.00us", "1.20ms", "0.0012" seconds) in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%.3f", v * 1000 }
  }'
}

# run_wrk <label> <url> <seconds> <pids...>: sets RPS, P50, P99, CPU_US.
run_wrk() {
  local label="$1" url="$2" seconds="$3"
  shift 3
  local before after out="$WORK/wrk-$label.txt"
  before=$(cpu_ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$WORK/${SCRIPT:-verify.lua}" "$url" \
    -- "$WORK/tokens.txt" "$WORK/platform.txt" >"$out"
  after=$(cpu_ticks "$@")
  local requests
  requests=$(awk '/requests in/ {print $1}' "$out")
  RPS=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
  P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.1f", t * 1000000 / hz / n}')
  if grep -q "Non-2xx" "$out"; then
    echo "warning: $label answered non-2xx: $(grep Non-2xx "$out")" >&2
  fi
}

install_missing
echo "Building the benchmark jar through the reactor"
./mvnw -B -q -pl bench,cli -am package -DskipTests -Dspotless.check.skip=true
JAR="$PWD/bench/target/keywarden-bench.jar"

WORK=$(mktemp -d /tmp/keywarden-load.XXXXXX)
SERVER_PID=""
NGINX_PID=""
cleanup() {
  set +e
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$JAVA_HOME/bin/java" -cp "$JAR" dev.keywarden.bench.Seed "$WORK/data" "$KEYS" "$WORK" 2>/dev/null

SERVER_PORT=$(free_port)
# What a user runs: the launcher execs the JVM, so $! is the server's own process. Its access
# log is off, as nginx's is below, so both do the same work per request.
./keywarden serve --data "$WORK/data" --bind 127.0.0.1 --port "$SERVER_PORT" --account acme \
  --management-port 0 --access-log false >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for_port "$SERVER_PORT"
echo "  server: $(head -1 "$WORK/server.log") (pid $SERVER_PID)"

NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/temp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/temp/body;
  proxy_temp_path $WORK/nginx/temp/proxy;
  fastcgi_temp_path $WORK/nginx/temp/fastcgi;
  uwsgi_temp_path $WORK/nginx/temp/uwsgi;
  scgi_temp_path $WORK/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type application/json;
      return 200 '{"valid":true,"code":"VALID"}';
    }
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" \
  -g "daemon off;" &
NGINX_PID=$!
wait_for_port "$NGINX_PORT"
NGINX_PIDS="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"

cat >"$WORK/verify.lua" <<'EOF'
-- Each request verifies a random seeded key with the platform key; each thread reads the files once.
local tokens = {}
local platform
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  local file = io.open(args[2])
  platform = file:read("*l")
  file:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. platform,
    ["Content-Type"] = "application/json"
  }, '{"key":"' .. tokens[math.random(#tokens)] .. '"}')
end
EOF

cat >"$WORK/forward.lua" <<'EOF'
-- A gateway's auth subrequest: the client's key in apiKey, a random seeded key per request.
local tokens = {}
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("GET", nil, {["apiKey"] = tokens[math.random(#tokens)]}, nil)
end
EOF

VERIFY_URL="http://127.0.0.1:$SERVER_PORT/a/acme/pro/user-manager/v1/verify"
FORWARD_URL="http://127.0.0.1:$SERVER_PORT/a/acme/pro/user-manager/v1/forward-auth?scopes=Tasks"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/a/acme/pro/user-manager/v1/verify"

echo "Warming the server's JIT (3 x ${DURATION}s verify, ${DURATION}s forward-auth, not measured)"
for round in 1 2 3; do
  run_wrk "warmup-$round" "$VERIFY_URL" "$DURATION" "$SERVER_PID"
  echo "  warm-up $round: $RPS requests/s, $CPU_US us CPU/request"
done
SCRIPT=forward.lua run_wrk warmup-forward "$FORWARD_URL" "$DURATION" "$SERVER_PID"
echo "  forward-auth warm-up: $RPS requests/s, $CPU_US us CPU/request"
echo "Measuring verify and nginx: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
thread_ticks "$SERVER_PID" >"$WORK/threads-before"
run_wrk verify "$VERIFY_URL" "$DURATION" "$SERVER_PID"
thread_ticks "$SERVER_PID" >"$WORK/threads-after"
V_RPS=$RPS V_P50=$P50 V_P99=$P99 V_CPU=$CPU_US
thread_ticks "$SERVER_PID" >"$WORK/forward-before"
SCRIPT=forward.lua run_wrk forward-auth "$FORWARD_URL" "$DURATION" "$SERVER_PID"
thread_ticks "$SERVER_PID" >"$WORK/forward-after"
F_RPS=$RPS F_P50=$P50 F_P99=$P99 F_CPU=$CPU_US
run_wrk nginx-warmup "$NGINX_URL" 2 $NGINX_PIDS
run_wrk nginx "$NGINX_URL" "$DURATION" $NGINX_PIDS
N_RPS=$RPS N_P50=$P50 N_P99=$P99 N_CPU=$CPU_US

TOKEN=$(head -1 "$WORK/tokens.txt")
PLATFORM=$(head -1 "$WORK/platform.txt")

# run_hey <label> <rate> <url> <pids...>: sets H_RPS, H_P50, H_P99, H_OTHER, H_CPU (server us/req), H_HEY (hey's cores).
run_hey() {
  local label="$1" rate="$2" url="$3" per_worker before after out="$WORK/hey-$1.txt" started ended
  shift 3
  per_worker=$(awk -v r="$rate" -v c="$HEY_WORKERS" 'BEGIN {printf "%d", (r + c - 1) / c}')
  echo "Fixed rate: hey -z ${DURATION}s -c $HEY_WORKERS -q $per_worker (offered $rate req/s)"
  before=$(cpu_ticks "$@")
  started=$(date +%s.%N)
  local TIMEFORMAT="%U %S"
  { time hey -z "${DURATION}s" -c "$HEY_WORKERS" -q "$per_worker" -m POST -T application/json \
    -H "Authorization: Bearer $PLATFORM" -d "{\"key\":\"$TOKEN\"}" "$url" >"$out"; } \
    2>"$WORK/hey-$label.time"
  ended=$(date +%s.%N)
  after=$(cpu_ticks "$@")
  H_RPS=$(awk '/Requests\/sec:/ {printf "%.0f", $2}' "$out")
  H_P50=$(to_ms "$(awk '$1 == "50%" && $2 == "in" {print $3}' "$out")")
  H_P99=$(to_ms "$(awk '$1 == "99%" && $2 == "in" {print $3}' "$out")")
  local ok
  ok=$(awk '/\[200\]/ {print $2}' "$out")
  H_OTHER=$(awk '/\[[0-9]+\]/ && !/\[200\]/ {n += $2} END {print n + 0}' "$out")
  H_CPU=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="${ok:-1}" \
    'BEGIN {printf "%.1f", t * 1000000 / hz / n}')
  H_HEY=$(tail -1 "$WORK/hey-$label.time" |
    awk -v s="$started" -v e="$ended" '{printf "%.2f", ($1 + $2) / (e - s)}')
}

HALF=$((N_RPS / 2))
QUARTER=$((N_RPS / 4))
run_hey half "$HALF" "$VERIFY_URL" "$SERVER_PID"
HALF_LINE=$(printf "%-28s %12s %10s %10s %16s" "verify at 1/2 nginx (hey)" "$H_RPS" "$H_P50" "$H_P99" "$H_CPU")
HALF_NOTE=$(awk -v p="$H_P99" -v r="$HALF" -v got="$H_RPS" -v other="$H_OTHER" -v hey="$H_HEY" 'BEGIN {
  printf "offered %d req/s, achieved %s; non-200: %d; hey itself used %s cores; p99 %.3f ms (target <= 2 ms: %s)",
    r, got, other, hey, p, (p <= 2 ? "met" : "NOT met")
}')
run_hey quarter "$QUARTER" "$VERIFY_URL" "$SERVER_PID"
QUARTER_LINE=$(printf "%-28s %12s %10s %10s %16s" "verify at 1/4 nginx (hey)" "$H_RPS" "$H_P50" "$H_P99" "$H_CPU")
QUARTER_NOTE=$(awk -v p="$H_P99" -v r="$QUARTER" -v got="$H_RPS" -v other="$H_OTHER" -v hey="$H_HEY" 'BEGIN {
  printf "offered %d req/s, achieved %s; non-200: %d; hey itself used %s cores; p99 %.3f ms",
    r, got, other, hey, p
}')
run_hey nginx-half "$HALF" "$NGINX_URL" $NGINX_PIDS
NGINX_HALF_LINE=$(printf "%-28s %12s %10s %10s %16s" "nginx at 1/2 (hey, control)" "$H_RPS" "$H_P50" "$H_P99" "$H_CPU")
NGINX_HALF_NOTE="the same load generator against nginx: the latency floor of this machine right now"

echo
echo "== Load benchmark: $KEYS keys, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
printf "%-28s %12s %10s %10s %16s\n" "" "requests/s" "p50 ms" "p99 ms" "server CPU us/req"
printf "%-28s %12s %10s %10s %16s\n" "verify (wrk, full speed)" "$V_RPS" "$V_P50" "$V_P99" "$V_CPU"
echo "  server CPU by thread: $(thread_split "$WORK/threads-before" "$WORK/threads-after")"
printf "%-28s %12s %10s %10s %16s\n" "forward-auth (wrk, full)" "$F_RPS" "$F_P50" "$F_P99" "$F_CPU"
echo "  server CPU by thread: $(thread_split "$WORK/forward-before" "$WORK/forward-after")"
printf "%-28s %12s %10s %10s %16s\n" "nginx fixed 200 (wrk)" "$N_RPS" "$N_P50" "$N_P99" "$N_CPU"
awk -v vr="$V_RPS" -v nr="$N_RPS" -v vc="$V_CPU" -v nc="$N_CPU" 'BEGIN {
  printf "ratio verify/nginx: requests/s %.2f, CPU per request %.2fx (target <= 2x: %s)\n",
    vr / nr, vc / nc, (vc / nc <= 2 ? "met" : "NOT met")
}'
echo "$HALF_LINE"
echo "  $HALF_NOTE"
echo "$QUARTER_LINE"
echo "  $QUARTER_NOTE"
echo "$NGINX_HALF_LINE"
echo "  $NGINX_HALF_NOTE"
echo "(hey paces each worker with a ticker and does not correct for coordinated omission: when the"
echo " server stalls, requests are delayed rather than queued, so its p99 is a lower bound.)"
