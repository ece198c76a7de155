#!/usr/bin/env bash
# HTTP throughput and latency of tinhso's /healthz against nginx serving a static file of the
# same size, on this machine, with the same wrk settings. Prints requests/s, the ratio to nginx,
# p99 latency at 64 and 256 connections, resident memory idle and under load, and cold start.
# Each setting runs ROUNDS times, nginx and tinhso interleaved, and the medians are reported
# (the machines are shared and noisy).
# Usage: bench/http.sh   (env: DURATION=10s THREADS=2 ROUNDS=3 BIN=build/tinhso)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
for tool in wrk nginx curl; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
[[ -x $BIN ]] || { echo "missing $BIN: run make build"; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_up() { for _ in $(seq 1 500); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.01; done; echo "server did not start: $1"; exit 1; }

# --- tinhso
tport=$(free_port)
db="sqlite:$work/bench.db"
"$BIN" migrate --db "$db" 2>/dev/null
"$BIN" serve --db "$db" --listen "127.0.0.1:$tport" --access-log off --upload-dir "$work/up" 2>"$work/tinhso.log" &
tpid=$!; pids+=("$tpid")
wait_up "http://127.0.0.1:$tport/healthz"

# --- nginx with a static file of the same size as /healthz's body
body=$(curl -s "http://127.0.0.1:$tport/healthz")
mkdir -p "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www"  # nginx workers run as an unprivileged user
printf '%s\n' "$body" > "$work/www/healthz"
nport=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$nport; root $work/www; location / { default_type text/plain; } }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_up "http://127.0.0.1:$nport/healthz"

run_wrk() { wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency "$1" 2>&1; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1=="99%" {print $2}'; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }

idle_rss=$(rss_kb "$tpid")
echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores; wrk -t$THREADS -d$DURATION; $ROUNDS interleaved rounds, medians"
printf '%-24s %12s %10s   %s\n' "target" "req/s" "p99 ms" "all rounds (req/s)"
for c in 64 256; do
  declare -A RS=() PS=()
  for round in $(seq 1 "$ROUNDS"); do
    for name in nginx tinhso; do
      if [[ $name == nginx ]]; then url="http://127.0.0.1:$nport/healthz"; else url="http://127.0.0.1:$tport/healthz"; fi
      if [[ $name == tinhso && $c == 256 && $round == 1 ]]; then
        ( sleep 2; rss_kb "$tpid" > "$work/load_rss" ) &
        rss_pid=$!
      fi
      out=$(run_wrk "$url" "$c")
      if echo "$out" | grep -qE 'Socket errors|Non-2xx'; then echo "$name c=$c: $(echo "$out" | grep -E 'Socket errors|Non-2xx')"; fi
      RS[$name]+="$(echo "$out" | rps) "
      PS[$name]+="$(echo "$out" | p99 | to_ms) "
    done
  done
  for name in nginx tinhso; do
    # shellcheck disable=SC2086
    printf '%-24s %12s %10s   %s\n' "$name c=$c" "$(median ${RS[$name]})" "$(median ${PS[$name]})" "${RS[$name]}"
  done
  # shellcheck disable=SC2086
  ratio=$(awk -v a="$(median ${RS[tinhso]})" -v b="$(median ${RS[nginx]})" 'BEGIN {printf "%.2f", a/b}')
  echo "ratio tinhso/nginx at c=$c: $ratio"
done
wait "$rss_pid" 2>/dev/null || true
load_rss=$(cat "$work/load_rss" 2>/dev/null || echo "?")
echo "tinhso resident memory: idle ${idle_rss} KiB, under load (c=256) ${load_rss} KiB"

# --- cold start: process start to first 200 from /healthz, median of 5
starts=()
for i in 1 2 3 4 5; do
  p=$(free_port)
  t0=$(date +%s%N)
  "$BIN" serve --db "$db" --listen "127.0.0.1:$p" --access-log off --upload-dir "$work/up" 2>/dev/null &
  sp=$!
  until curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1; do sleep 0.002; done
  t1=$(date +%s%N)
  kill "$sp"; wait "$sp" 2>/dev/null || true
  starts+=($(( (t1 - t0) / 1000000 )))
done
sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
echo "cold start to first /healthz 200 (ms, 5 runs): ${starts[*]}; median ${sorted[2]}"
