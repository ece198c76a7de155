#!/usr/bin/env bash
# Dossier benchmarks of issue 5 on SQLite: generates SMALL and COUNT dossiers (bench/dossiers_gen,
# with a progress bar; databases kept in $KEEP and reused when their size matches), serves each,
# and measures with wrk: the public lookup by code as JSON and as HTML (64 connections), the desk
# inbox and the statistics page (8 connections; their p99 at COUNT against SMALL), and durable
# dossier submission through the API (no attachments). Medians of ROUNDS runs. ALL_PAGES=1 adds
# the module's other list and statistics pages (the leader's /work, the citizen's lists, the desk
# filtered by state, the statistics API), each at 8 connections.
# Usage: bench/dossiers.sh   (env: COUNT=1000000 SMALL=10000 DURATION=10s ROUNDS=3 THREADS=2 ALL_PAGES=
#                             SUBMIT=1 BIN=build/tinhso GEN=build/dossiers_gen KEEP=var/bench)
# SUBMIT=0 skips the submission (it works on a copy of the COUNT database: 11 GB at 10 M).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/dossiers_gen}
COUNT=${COUNT:-1000000}
SMALL=${SMALL:-10000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
KEEP=${KEEP:-var/bench}
PASSWORD=Demo-Phu-Tho-2025
for tool in wrk curl sqlite3 python3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
source bench/second_factor.sh
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1==p {print $2}' | to_ms; }

# A database with n dossiers: the demo province plus n generated dossiers.
database() {
  local n=$1 file="$KEEP/dossiers-$1.db"
  # $file.rows holds the row count right after generation: a changed database is made again.
  if [[ -f $file && -f $file.rows ]] && [[ $(sqlite3 "$file" 'SELECT COUNT(*) FROM dossiers' 2>/dev/null) == "$(cat "$file.rows")" ]]; then
    "$BIN" migrate --db "sqlite:$file" >/dev/null 2>&1  # a kept database gets this binary's new migrations
    echo "$file"; return
  fi
  rm -f "$file" "$file-wal" "$file-shm" "$file.rows"
  "$BIN" migrate --db "sqlite:$file" --demo >/dev/null 2>&1
  "$GEN" --db "sqlite:$file" --count "$n" >&2
  sqlite3 "$file" 'PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;' >/dev/null
  sqlite3 "$file" 'SELECT COUNT(*) FROM dossiers' > "$file.rows"
  echo "$file"
}

start() {  # start DBFILE → sets url
  : > "$work/log"
  "$BIN" serve --db "sqlite:$1" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" --smtp 127.0.0.1:9 \
    2>"$work/log" &
  spid=$!; pids+=("$spid")
  for _ in $(seq 1 1500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
  url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
  [[ -n $url ]] || { cat "$work/log"; exit 1; }
}
stop() { kill "$spid"; wait "$spid" 2>/dev/null || true; }

# Signs in (staff pass the second factor; $db's enrolments kept beside it) and prints
# "cookie-header<TAB>csrf-token".
session() { sign_in "$url" "$1" "$work/jar-$1" "$db.totp"; }

# Fails unless GET $1 (with optional extra curl arguments) answers 200: wrk would count redirects as success.
expect200() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "${@:2}" "$url$1")
  [[ $code == 200 ]] || { echo "GET $1 answered $code, not 200"; exit 1; }
}

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

# bench NAME CONNECTIONS [wrk args…]: ROUNDS runs; prints req/s, p50, p99 (medians) and non-2xx.
bench() {
  local name=$1 c=$2; shift 2
  local rs=() p50=() p99=() bad=0 out
  for _ in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency "$@" 2>&1)
    rs+=("$(echo "$out" | rps)"); p50+=("$(echo "$out" | pct 50%)"); p99+=("$(echo "$out" | pct 99%)")
    if echo "$out" | grep -q 'Non-2xx'; then bad=$((bad + $(echo "$out" | awk '/Non-2xx/ {print $NF}'))); fi
  done
  printf '%-34s c=%-3s %10s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  (rounds: %s)\n' "$name" "$c" \
    "$(median "${rs[@]}")" "$(median "${p50[@]}")" "$(median "${p99[@]}")" "$bad" "${rs[*]}"
}

echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores; wrk -t$THREADS -d$DURATION; $ROUNDS rounds, medians"
for n in "$SMALL" "$COUNT"; do
  db=$(database "$n")
  echo "--- $n dossiers ($(du -h "$db" | cut -f1) database)"
  start "$db"
  sqlite3 -separator ' ' "$db" "SELECT code, substr(applicant_phone, -4) FROM dossiers WHERE code IS NOT NULL
    ORDER BY random() LIMIT 5000" > "$work/pairs"
  awk '{print "/api/v1/dossiers/lookup?code=" $1 "&key=" $2}' "$work/pairs" > "$work/json"
  awk '{print "/lookup?code=" $1 "&key=" $2}' "$work/pairs" > "$work/html"
  expect200 "$(head -1 "$work/json")"
  expect200 "$(head -1 "$work/html")"
  bench "lookup JSON" 64 -s "$(paths_script "$work/json")" "$url"
  bench "lookup HTML" 64 -s "$(paths_script "$work/html")" "$url"
  IFS=$'\t' read -r officer _ < <(session officer@demo.tinhso.vn)
  expect200 /desk -H "Cookie: $officer"
  expect200 /statistics/dossiers
  bench "desk inbox /desk" 8 -H "Cookie: $officer" "$url/desk"
  bench "statistics page" 8 "$url/statistics/dossiers"
  if [[ -n ${ALL_PAGES:-} ]]; then
    # Every other list and statistics page of the module (issue 15 §7: each at COUNT against SMALL).
    IFS=$'\t' read -r leader _ < <(session leader@demo.tinhso.vn)
    IFS=$'\t' read -r citizen _ < <(session citizen@demo.tinhso.vn)
    # /work (20 rows a page) is full at SMALL too: the like-for-like line of the leader's queue.
    for page in "/desk?state=received&page=2" "/work" "/work?page_size=100" "/work?page_size=100&page=2" \
                "/dossiers/mine" "/api/v1/dossiers/mine" "/api/v1/statistics/dossiers"; do
      case $page in
        /desk*) cookie=$officer ;;
        /work*) cookie=$leader ;;
        /api/v1/statistics*) cookie="" ;;
        *) cookie=$citizen ;;
      esac
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url$page")
      if [[ $code != 200 ]]; then echo "$page answered $code, not measured"; continue; fi
      bench "$page" 8 -H "Cookie: $cookie" "$url$page"
    done
  fi
  stop
  if [[ $n == "$COUNT" && ${SUBMIT:-1} == 1 ]]; then
    # Submissions go to a copy (the kept database stays as generated), for a procedure whose one
    # document is optional, so that a dossier is submitted without attachments: create + submit
    # in one request ("submit": true), each a committed transaction with its events and audit.
    cp "$db" "$work/submit.db"
    db="$work/submit.db"
    sqlite3 "$db" "INSERT INTO procedures (code, name, name_en, field, level, agency_id, desk_agency_id,
        time_limit_working_days, legal_basis, fee_vnd, fee_note, fully_online, active, search_folded, name_sort,
        updated_at, updated_by)
      SELECT 'BENCH-ONLINE', name, name_en, field, level, agency_id, desk_agency_id, time_limit_working_days,
        legal_basis, fee_vnd, fee_note, TRUE, TRUE, search_folded, name_sort, updated_at, 'bench'
      FROM procedures WHERE code = 'XB-TLHC';
      INSERT INTO procedure_documents (procedure_id, position, name, mandatory)
        SELECT id, 1, 'Tờ khai trực tuyến', FALSE FROM procedures WHERE code = 'BENCH-ONLINE';
      INSERT INTO procedure_steps (procedure_id, position, name, share_percent)
        SELECT id, 1, 'Giải quyết', 100 FROM procedures WHERE code = 'BENCH-ONLINE';"
    start "$db"
    IFS=$'\t' read -r citizen token < <(session citizen@demo.tinhso.vn)
    procedure=BENCH-ONLINE
    before=$(sqlite3 "$db" "SELECT COUNT(*) FROM dossiers WHERE state <> 'draft'")
    cat > "$work/submit.lua" <<LUA
local n, id = 0, ""
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("tid", counter) end
init = function() id = tostring(tid) .. "-" .. tostring(os.time()) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$citizen"
wrk.headers["X-CSRF-Token"] = "$token"
wrk.headers["Origin"] = "$url"
wrk.body = '{"procedure":"$procedure","applicant_name":"Nguyễn Thị Lan","applicant_email":"citizen@demo.tinhso.vn","applicant_phone":"0912345678","applicant_id_number":"001190012345","applicant_address":"Việt Trì, Phú Thọ","details":"Đo hiệu năng","submit":true}'
request = function()
  n = n + 1
  wrk.headers["Idempotency-Key"] = string.format("bench-%s-%012d", id, n)
  return wrk.format()
end
LUA
    bench "submit dossier POST /api/v1/dossiers" 16 -s "$work/submit.lua" "$url/api/v1/dossiers"
    stop
    echo "submitted dossiers: $(( $(sqlite3 "$db" "SELECT COUNT(*) FROM dossiers WHERE state <> 'draft'") - before ))"
    rm -f "$db" "$db-wal" "$db-shm"
  fi
done
