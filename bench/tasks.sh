#!/usr/bin/env bash
# The leaders' board benchmark of issue 16 on SQLite or PostgreSQL ("1 M tasks over 5 years and 200 bodies; the
# board p99 < 100 ms and ≤ 2× its time at 10 k"): generates SMALL and COUNT tasks (bench/tasks_gen,
# with progress bars and its generation time; databases kept in $KEEP and reused while their task
# count matches), serves each, checks that GET /api/v1/tasks/summary (the stored board,
# store_board.h) answers exactly what `tinhso tasks summary` computes with the C++ rules on CHECKS
# days, then measures with wrk (THREADS threads, CONNECTIONS connections) the summary as of days
# spread over the 5 years (one path per request, cycling through 500 days) and as of today, and
# the same way the board page /tasks/board (whole province; one lead body as its scope) and the
# lists its numbers open. Medians of ROUNDS runs: req/s, p50, p99. A kept database whose stored
# board's layout a migration changed is rebuilt first (`tinhso tasks rebuild-board --if-needed`).
# DB=postgresql: the same on a PostgreSQL cluster made here per size (initdb as user postgres in
# $KEEP/pg-tasks-N, durable defaults, shared_buffers 256MB; kept and reused like the SQLite files).
# Usage: bench/tasks.sh   (env: DB=sqlite|postgresql COUNT=1000000 SMALL=10000 DURATION=10s ROUNDS=3 THREADS=2 CONNECTIONS=8
#                          CHECKS=3 BIN=build/tinhso GEN=build/tasks_gen KEEP=var/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/tasks_gen}
COUNT=${COUNT:-1000000}
SMALL=${SMALL:-10000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
CHECKS=${CHECKS:-3}
KEEP=${KEEP:-var/bench}
DB=${DB:-sqlite}
[[ $DB == sqlite || $DB == postgresql ]] || { echo "DB must be sqlite or postgresql"; exit 2; }
PASSWORD=Demo-Phu-Tho-2025
for tool in wrk curl sqlite3 python3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
source bench/second_factor.sh
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"

work=$(mktemp -d)
spid=""
pgdir=""
cleanup() {
  [[ -n $spid ]] && kill "$spid" 2>/dev/null
  [[ -n $pgdir ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
pct() { awk -v p="$1" '$1==p {print $2}' | to_ms; }

PG_BIN=""
for v in 15 16 17; do [[ -x /usr/lib/postgresql/$v/bin/initdb ]] && { PG_BIN=/usr/lib/postgresql/$v/bin; break; }; done

# sql STATEMENT: one value from the current database ($dburl).
sql() {
  if [[ $DB == sqlite ]]; then sqlite3 "${dburl#sqlite:}" "$1"
  else PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$dburl" -c "$1"; fi
}

# Stops the kept PostgreSQL cluster of the previous size, if any.
pg_stop() {
  [[ -n $pgdir ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null
  pgdir=""
}

# database N: sets dburl (and state, the prefix of the files kept beside it: its row count, the
# generator's times, the second factor) to a database with N generated tasks besides the demo's.
database() {
  local n=$1 fresh=0
  if [[ $DB == sqlite ]]; then
    state="$KEEP/tasks-$n.db"; dburl="sqlite:$state"
    [[ -f $state && -f $state.rows && $(sqlite3 "$state" 'SELECT COUNT(*) FROM tasks' 2>/dev/null) == "$(cat "$state.rows")" ]] || fresh=1
    if ((fresh)); then rm -f "$state" "$state-wal" "$state-shm" "$state.rows" "$state.gen"; fi
  else
    [[ -n $PG_BIN ]] || { echo "PostgreSQL not installed: scripts/install-deps build"; exit 1; }
    pg_stop
    pgdir="$KEEP/pg-tasks-$n"; state="$pgdir/db"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [[ ! -f $state.rows ]]; then
      fresh=1; rm -rf "$pgdir"; mkdir -p "$pgdir"; chown postgres "$pgdir"
      runuser -u postgres -- "$PG_BIN/initdb" -D "$pgdir/data" -U postgres --auth=trust >/dev/null
    fi
    mkdir -p "$pgdir/sock"; chown postgres "$pgdir/sock"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $pgdir/sock -c max_connections=100 -c shared_buffers=256MB" start >/dev/null
    dburl="postgresql://postgres@127.0.0.1:$port/tinhso"
    if ((fresh)); then
      "$PG_BIN/psql" -X -q "postgresql://postgres@127.0.0.1:$port/postgres" -c 'CREATE DATABASE tinhso'
    fi
  fi
  if ((fresh)); then
    "$BIN" migrate --db "$dburl" --demo >/dev/null 2>&1
    "$GEN" --db "$dburl" --count "$n" 2> >(tee "$work/gen" >&2)
    sleep 0.2
    tr '\r' '\n' < "$work/gen" | grep '^tasks_gen: .* added' > "$state.gen" || true
    if [[ $DB == sqlite ]]; then sql 'PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;' >/dev/null; else sql 'VACUUM ANALYZE' >/dev/null; fi
    sql 'SELECT COUNT(*) FROM tasks' > "$state.rows"
    return
  fi
  "$BIN" migrate --db "$dburl" >/dev/null 2>&1
  # A kept database from before a migration that changed the stored board's layout: rebuilt
  # first (the operator's command after an upgrade), not inside the first measured request.
  local t0=$SECONDS
  if ! "$BIN" tasks rebuild-board --db "$dburl" --if-needed 2>&1 | tee /dev/stderr | grep 'nothing to do' >/dev/null; then
    echo "rebuild-board: $((SECONDS - t0)) s" >&2
    if [[ $DB == sqlite ]]; then sql 'PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;' >/dev/null; else sql 'VACUUM ANALYZE' >/dev/null; fi
  fi
}

# The database's size, for the report.
size() {
  if [[ $DB == sqlite ]]; then du -h "${dburl#sqlite:}" | cut -f1
  else sql "SELECT pg_size_pretty(pg_database_size('tinhso'))"; fi
}

start() {
  : > "$work/log"
  # The reminders job would mail up to 500 officers per pass on a working day while wrk runs.
  "$BIN" serve --db "$1" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" --smtp 127.0.0.1:9 \
    --tasks-reminders off 2>"$work/log" &
  spid=$!
  for _ in $(seq 1 1500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
  url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
  [[ -n $url ]] || { cat "$work/log"; exit 1; }
}
stop() { kill "$spid"; wait "$spid" 2>/dev/null || true; spid=""; }

# A wrk script that cycles through the request paths in $1.
paths_script() {
  cat > "$work/paths.lua" <<LUA
local paths, i = {}, 0
for line in io.lines("$1") do paths[#paths + 1] = line end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
  echo "$work/paths.lua"
}

# bench NAME [wrk args…]: ROUNDS runs; prints req/s, p50, p99 (medians) and non-2xx.
bench() {
  local name=$1; shift
  local rs=() p50=() p99=() bad=0 out
  for _ in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" 2>&1)
    rs+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')"); p50+=("$(echo "$out" | pct 50%)"); p99+=("$(echo "$out" | pct 99%)")
    if echo "$out" | grep -q 'Non-2xx'; then bad=$((bad + $(echo "$out" | awk '/Non-2xx/ {print $NF}'))); fi
  done
  printf '%-40s c=%-3s %9s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  (rounds: %s)\n' "$name" "$CONNECTIONS" \
    "$(median "${rs[@]}")" "$(median "${p50[@]}")" "$(median "${p99[@]}")" "$bad" "${rs[*]}"
}

today=$(date -u +%F)
python3 -c 'import datetime, random, sys
random.seed(16); t = datetime.date.fromisoformat(sys.argv[1])
for _ in range(500): print((t - datetime.timedelta(days=random.randint(0, 5 * 365))).isoformat())' "$today" > "$work/days"

echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores, DB=$DB; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $ROUNDS rounds, medians"
for n in "$SMALL" "$COUNT"; do
  database "$n"
  echo "--- $n tasks ($(size) database; $(cat "$state.gen" 2>/dev/null || echo 'generated earlier'))"
  start "$dburl"
  IFS=$'\t' read -r leader _ < <(sign_in "$url" province@demo.tinhso.vn "$work/jar" "$state.totp")
  # The stored board answers what the C++ rules compute (`tinhso tasks summary`), on CHECKS days.
  for d in $today $(head -n $((CHECKS - 1)) "$work/days"); do
    curl -s -H "Cookie: $leader" "$url/api/v1/tasks/summary?as_of=$d" > "$work/fast.json"
    "$BIN" tasks summary --db "$dburl" --as-of "$d" > "$work/rules.json"
    python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if a == b else "the summary API and `tinhso tasks summary` differ as of " + sys.argv[3])' \
      "$work/fast.json" "$work/rules.json" "$d"
    echo "as of $d: API = tinhso tasks summary ($(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total"])' "$work/fast.json"))"
  done
  sed 's#^#/api/v1/tasks/summary?as_of=#' "$work/days" > "$work/summary"
  bench "/api/v1/tasks/summary (500 days)" -H "Cookie: $leader" -s "$(paths_script "$work/summary")" "$url"
  bench "/api/v1/tasks/summary?as_of=today" -H "Cookie: $leader" "$url/api/v1/tasks/summary?as_of=$today"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $leader" "$url/tasks/board?as_of=$today")
  if [[ $code == 200 ]]; then
    sed 's#^#/tasks/board?as_of=#' "$work/days" > "$work/board"
    bench "/tasks/board (500 days)" -H "Cookie: $leader" -s "$(paths_script "$work/board")" "$url"
    bench "/tasks/board?as_of=today" -H "Cookie: $leader" "$url/tasks/board?as_of=$today"
    # One lead body chosen as the scope (its spans), and the lists the board's numbers open.
    scope=$(sql "SELECT id FROM agencies WHERE code = 'BENCH-CQ-001'")
    sed "s#^#/tasks/board?scope=$scope\&as_of=#" "$work/days" > "$work/scoped"
    bench "/tasks/board?scope=one body (500 days)" -H "Cookie: $leader" -s "$(paths_script "$work/scoped")" "$url"
    sed 's#^\(.*\)$#/tasks/list?as_of=\1\&bucket=overdue#' "$work/days" > "$work/list"
    bench "/tasks/list?bucket=overdue (500 days)" -H "Cookie: $leader" -s "$(paths_script "$work/list")" "$url"
    sed 's#^\(.*\)$#/tasks/list?as_of=\1\&lead=BENCH-CQ-001\&bucket=done_on_time#' "$work/days" > "$work/list1"
    bench "/tasks/list?lead=…&bucket=done_on_time" -H "Cookie: $leader" -s "$(paths_script "$work/list1")" "$url"
  else
    echo "/tasks/board answered $code: not measured"
  fi
  stop
done
