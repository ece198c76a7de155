#!/usr/bin/env bash
# Indicator benchmarks of issue 17 on SQLite: the leaders' dashboard (/dashboard, the province
# leader: every agency), the on-time rate's drill-down, the public scorecard page (year to date)
# and GET /api/v1/scorecard, each at SMALL and COUNT dossiers (bench/dossiers_gen, the databases of
# bench/dossiers.sh kept in $KEEP and shared with it), 8 connections, medians of ROUNDS runs, with
# the ratio of their p99 at COUNT to SMALL; then the cost of keeping the figures incrementally
# (migration dossiers 007's triggers) on the submission benchmark: POST /api/v1/dossiers (create
# and submit, durable) on a copy of the SMALL database with the triggers, and on one without them,
# alternating, UPKEEP_ROUNDS rounds each.
# Usage: bench/indicators.sh   (env: COUNT=10000000 SMALL=10000 DURATION=10s ROUNDS=3 THREADS=2
#                               UPKEEP_ROUNDS=5 BIN=build/tinhso GEN=build/dossiers_gen KEEP=var/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/dossiers_gen}
COUNT=${COUNT:-10000000}
SMALL=${SMALL:-10000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
UPKEEP_ROUNDS=${UPKEEP_ROUNDS:-5}
THREADS=${THREADS:-2}
KEEP=${KEEP:-var/bench}
PASSWORD=Demo-Phu-Tho-2025
for tool in wrk curl sqlite3 python3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
source bench/second_factor.sh
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"

# The task reminders job would mail the demo's officers during the runs.
export TINHSO_TASKS_REMINDERS=off
source bench/lib.sh  # work, cleanup, median, start, stop, kept_database

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1==p {print $2}' | to_ms; }
# A database with n dossiers, the demo province's and generated ones (shared with bench/dossiers.sh).
database() { kept_database dossiers "$1" dossiers; }
session() { sign_in "$url" "$1" "$work/jar-$1" "$db.totp"; }
expect200() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "${@:2}" "$url$1")
  [[ $code == 200 ]] || { echo "GET $1 answered $code, not 200"; exit 1; }
}

declare -A P99
# bench_p99 NAME CONNECTIONS [wrk args…]: ROUNDS runs; prints req/s, p50, p99 (medians) and non-2xx.
bench_p99() {
  local name=$1 c=$2; shift 2
  local rs=() p50=() p99=() bad=0 out
  for _ in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency "$@" 2>&1)
    rs+=("$(echo "$out" | rps)"); p50+=("$(echo "$out" | pct 50%)"); p99+=("$(echo "$out" | pct 99%)")
    if echo "$out" | grep -q 'Non-2xx'; then bad=$((bad + $(echo "$out" | awk '/Non-2xx/ {print $NF}'))); fi
  done
  P99[$n/$name]=$(median "${p99[@]}")
  printf '%-38s c=%-3s %10s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  (rounds: %s)\n' "$name" "$c" \
    "$(median "${rs[@]}")" "$(median "${p50[@]}")" "${P99[$n/$name]}" "$bad" "${rs[*]}"
}

# The last month with figures in the database (the generator spreads dossiers over the past year).
month=$(python3 -c 'import datetime; d = datetime.datetime.utcnow() + datetime.timedelta(hours=7); print(d.strftime("%Y-%m"))')
NAMES=("dashboard /dashboard" "drill /dashboard/HS-DUNG-HAN" "scorecard page (year to date)" "scorecard API")
echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores; wrk -t$THREADS -d$DURATION; $ROUNDS rounds, medians; month $month"
for n in "$SMALL" "$COUNT"; do
  db=$(database "$n")
  echo "--- $n dossiers ($(du -h "$db" | cut -f1) database; $(sqlite3 "$db" 'SELECT COUNT(*) FROM dossier_procedure_stats') kept cells)"
  start "$db"
  IFS=$'\t' read -r province _ < <(session province@demo.tinhso.vn)
  expect200 /dashboard -H "Cookie: $province"
  expect200 "/dashboard/HS-DUNG-HAN?period=$month" -H "Cookie: $province"
  expect200 "/scorecard?period=$month&span=ytd"
  expect200 "/api/v1/scorecard?period=$month&span=ytd"
  bench_p99 "${NAMES[0]}" 8 -H "Cookie: $province" "$url/dashboard"
  bench_p99 "${NAMES[1]}" 8 -H "Cookie: $province" "$url/dashboard/HS-DUNG-HAN?period=$month"
  bench_p99 "${NAMES[2]}" 8 "$url/scorecard?period=$month&span=ytd"
  bench_p99 "${NAMES[3]}" 8 "$url/api/v1/scorecard?period=$month&span=ytd"
  stop
done
echo "--- p99 at $COUNT against $SMALL dossiers"
for name in "${NAMES[@]}"; do
  printf '%-38s %7s ms / %7s ms = %s\n' "$name" "${P99[$COUNT/$name]}" "${P99[$SMALL/$name]}" \
    "$(awk -v a="${P99[$COUNT/$name]}" -v b="${P99[$SMALL/$name]}" 'BEGIN {printf "%.2f", a / b}')"
done

# ---- the upkeep: submissions with and without the triggers that keep the figures ----
small=$(database "$SMALL")
cp "$small" "$work/with.db"; cp "$small" "$work/without.db"
for f in "$small.totp"; do [[ -d $f ]] && cp -r "$f" "$work/with.db.totp" && cp -r "$f" "$work/without.db.totp"; done
sqlite3 "$work/without.db" "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dossier_procedure_stats%'" |
  while read -r t; do sqlite3 "$work/without.db" "DROP TRIGGER $t"; done
# A procedure whose one document is optional, so that a dossier is submitted without attachments
# (as bench/dossiers.sh does).
for kind in with without; do
  sqlite3 "$work/$kind.db" "INSERT INTO procedures (code, name, name_en, field, level, agency_id, desk_agency_id,
      time_limit_working_days, legal_basis, fee_vnd, fee_note, fully_online, active, search_folded, name_sort,
      updated_at, updated_by)
    SELECT 'BENCH-ONLINE', name, name_en, field, level, agency_id, desk_agency_id, time_limit_working_days,
      legal_basis, fee_vnd, fee_note, TRUE, TRUE, search_folded, name_sort, updated_at, 'bench'
    FROM procedures WHERE code = 'XB-TLHC';
    INSERT INTO procedure_documents (procedure_id, position, name, mandatory)
      SELECT id, 1, 'Tờ khai trực tuyến', FALSE FROM procedures WHERE code = 'BENCH-ONLINE';
    INSERT INTO procedure_steps (procedure_id, position, name, share_percent)
      SELECT id, 1, 'Giải quyết', 100 FROM procedures WHERE code = 'BENCH-ONLINE';"
done
procedure=BENCH-ONLINE
declare -A RS
echo "--- upkeep: POST /api/v1/dossiers (create + submit, durable), 16 connections, procedure $procedure"
for round in $(seq 1 "$UPKEEP_ROUNDS"); do
  for kind in with without; do
    db="$work/$kind.db"
    start "$db"
    IFS=$'\t' read -r citizen csrf < <(session citizen@demo.tinhso.vn)
    cat > "$work/submit.lua" <<LUA
local n, id = 0, ""
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("tid", counter) end
init = function() id = tostring(tid) .. "-" .. tostring(os.time()) .. "-$round-$kind" end
request = function()
  n = n + 1
  wrk.headers["Idempotency-Key"] = string.format("bench-%s-%012d", id, n)
  return wrk.format()
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$citizen"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Origin"] = "$url"
wrk.body = '{"procedure":"$procedure","applicant_name":"Nguyễn Thị Lan","applicant_email":"citizen@demo.tinhso.vn","applicant_phone":"0912345678","applicant_id_number":"001190012345","applicant_address":"Việt Trì, Phú Thọ","details":"Đo hiệu năng","submit":true}'
LUA
    out=$(wrk -t"$THREADS" -c16 -d"$DURATION" --latency -s "$work/submit.lua" "$url/api/v1/dossiers" 2>&1)
    r=$(echo "$out" | rps)
    RS[$kind]="${RS[$kind]:-} $r"
    printf '  round %s %-8s %10s req/s  p99 %7s ms%s\n' "$round" "$kind" "$r" "$(echo "$out" | pct 99%)" \
      "$(echo "$out" | grep -q Non-2xx && echo "  non-2xx $(echo "$out" | awk '/Non-2xx/ {print $NF}')")"
    stop
  done
done
w=$(median ${RS[with]}); wo=$(median ${RS[without]})
printf 'submissions with the triggers %s req/s, without %s req/s (medians): the upkeep costs %s %%\n' "$w" "$wo" \
  "$(awk -v a="$w" -v b="$wo" 'BEGIN {printf "%.1f", (b - a) / b * 100}')"
