#!/usr/bin/env bash
# Public consultation benchmarks of issue 18 on SQLite: a consultation of 100 articles with SMALL
# and COUNT comments (bench/consultations_gen: replies, hidden ones, answers, agreements; the
# databases kept in $KEEP, made again when changed). Serves each and measures with wrk, 8
# connections, medians of ROUNDS runs of DURATION, anonymous readers: the consultation's overview
# (the outline with the comment counts per article), the busiest article's page (page 1), a quiet
# article's page (the fewest comments), a unit's page without any comment (the preamble), a deep
# page of the busiest (?page=50, or its last page when it has fewer),
# GET /api/v1/consultations/{id}/comments?unit=<busiest>, the public list /consultations (with
# each consultation's number of comments), and the accent-free search across titles and comments
# (/consultations?q=…: words in most comments, and words in none): req/s, p50, p99 and the server's CPU time per request
# (the cost of a request whatever else runs on the machine); then the p99 ratios COUNT/SMALL.
# Then the summary report, REPORT_ROUNDS rounds each on a fresh copy of the database and a freshly
# started server (nothing stored from an earlier GET): the first GET of report.pdf (cold), a second
# GET, the same for report.xlsx; and GET comments.csv (every comment), curl's total time, medians.
# Targets (issue 18): a page's p99 < 100 ms; the report in < 10 s. Figures: docs/BENCHMARKS.md.
# Usage: bench/consultations.sh   (env: COUNT=100000 SMALL=1000 DURATION=10s ROUNDS=3 THREADS=2
#                                  CONNECTIONS=8 REPORT_ROUNDS=3 BIN=build/tinhso
#                                  GEN=build/consultations_gen KEEP=var/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/consultations_gen}
COUNT=${COUNT:-100000}
SMALL=${SMALL:-1000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
REPORT_ROUNDS=${REPORT_ROUNDS:-3}
KEEP=${KEEP:-var/bench}
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"
# The task reminders job would mail the demo's officers during the runs.
export TINHSO_TASKS_REMINDERS=off
source bench/lib.sh  # work, cleanup, median, start, stop, kept_database

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
pct() { awk -v p="$1" '$1==p {print $2}' | to_ms; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# The server's CPU time so far (user + system, clock ticks): a cost per request that does not
# count the time spent waiting for a core on a shared machine.
ticks() { awk '{print $14 + $15}' "/proc/$spid/stat"; }
expect200() {
  local code
  code=$(curl -s -o "$work/body" -w '%{http_code}' "$url$1")
  [[ $code == 200 ]] || { echo "GET $1 answered $code, not 200"; exit 1; }
}

declare -A P99
# bench_p99 NAME PATH: ROUNDS wrk runs; prints req/s, p50, p99, the server's CPU time per request
# (medians), non-2xx and the body's size.
bench_p99() {
  local name=$1 path=$2 rs=() p50=() p99=() cpu=() bad=0 out t0 hz; hz=$(getconf CLK_TCK)
  expect200 "$path"
  local size; size=$(stat -c %s "$work/body")
  for _ in $(seq 1 "$ROUNDS"); do
    t0=$(ticks)
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url$path" 2>&1)
    cpu+=("$(awk -v t="$(( $(ticks) - t0 ))" -v hz="$hz" -v n="$(echo "$out" | awk '/requests in/ {print $1}')" \
      'BEGIN {printf "%.1f", (n > 0 ? t * 1000 / hz / n : 0)}')")
    rs+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')"); p50+=("$(echo "$out" | pct 50%)"); p99+=("$(echo "$out" | pct 99%)")
    if echo "$out" | grep -q 'Non-2xx'; then bad=$((bad + $(echo "$out" | awk '/Non-2xx/ {print $NF}'))); fi
  done
  P99[$n/$name]=$(median "${p99[@]}")
  printf '%-28s c=%-2s %8s req/s  p50 %7s ms  p99 %7s ms  cpu %6s ms/req  non-2xx %s  %5s KiB  (p99 rounds: %s)\n' \
    "$name" "$CONNECTIONS" "$(median "${rs[@]}")" "$(median "${p50[@]}")" "${P99[$n/$name]}" "$(median "${cpu[@]}")" "$bad" \
    "$((size / 1024))" "${p99[*]}"
}

# timed PATH: one GET; prints "seconds bytes" (exits unless 200).
timed() {
  local out
  out=$(curl -s -o "$work/file" --max-time 900 -w '%{http_code} %{time_total} %{size_download}' "$url$1")
  [[ ${out%% *} == 200 ]] || { echo "GET $1 answered ${out%% *}"; exit 1; }
  echo "${out#* }"
}

# The consultation (the one with the most comments), its busiest and quietest article (by
# top-level comments on the article, its clauses and points) and the top-level count of the busiest.
ARTICLE="CASE WHEN instr(substr(anchor, 6), '-') > 0 THEN substr(anchor, 1, 4 + instr(substr(anchor, 6), '-')) ELSE anchor END"
facts() {
  id=$(sqlite3 "$db" "SELECT consultation_id FROM consultation_comments GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")
  local per="SELECT $ARTICLE AS a, COUNT(*) AS n FROM consultation_comments WHERE consultation_id = $id AND parent_id IS NULL AND anchor LIKE 'dieu-%' GROUP BY 1"
  IFS='|' read -r busy busy_n < <(sqlite3 "$db" "$per ORDER BY n DESC, a LIMIT 1")
  IFS='|' read -r quiet quiet_n < <(sqlite3 "$db" "$per ORDER BY n, a LIMIT 1")
  deep=$(( (busy_n + 19) / 20 < 50 ? (busy_n + 19) / 20 : 50 ))
  empty=$(sqlite3 "$db" "SELECT u.anchor FROM consultation_units u JOIN consultation_versions v ON v.id = u.version_id
    WHERE v.consultation_id = $id AND u.kind IN ('preamble', 'article') AND NOT EXISTS (SELECT 1 FROM consultation_comments c
    WHERE c.consultation_id = $id AND (c.anchor = u.anchor OR c.anchor LIKE u.anchor || '-%')) ORDER BY u.seq LIMIT 1")
}

echo "$BIN: tinhso $($BIN --version | awk '{print $2}'), tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores;" \
  "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $ROUNDS rounds, medians; load average $(load)"
NAMES=(overview "busiest article, page 1" "quiet article" "unit without comments" "busiest, deep page"
  "API comments, busiest" "public list" "search, common words" "search, no match")
for n in "$SMALL" "$COUNT"; do
  db=$(kept_database consultations "$n" consultation_comments)
  facts
  echo "--- $n comments ($(du -h "$db" | cut -f1) database; consultation $id;" \
    "$(sqlite3 "$db" "SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = $id AND parent_id IS NULL") top-level;" \
    "busiest $busy: $busy_n top-level, quiet $quiet: $quiet_n, none on $empty; deep page $deep; load average $(load))"
  start "$db"
  bench_p99 "${NAMES[0]}" "/consultations/$id"
  bench_p99 "${NAMES[1]}" "/consultations/$id/units/$busy"
  bench_p99 "${NAMES[2]}" "/consultations/$id/units/$quiet"
  bench_p99 "${NAMES[3]}" "/consultations/$id/units/$empty"
  bench_p99 "${NAMES[4]}" "/consultations/$id/units/$busy?page=$deep"
  bench_p99 "${NAMES[5]}" "/api/v1/consultations/$id/comments?unit=$busy"
  bench_p99 "${NAMES[6]}" /consultations
  bench_p99 "${NAMES[7]}" "/consultations?q=ho+tro"
  bench_p99 "${NAMES[8]}" "/consultations?q=qwxz+khong+co"
  stop
done
echo "--- p99 at $COUNT against $SMALL comments"
for name in "${NAMES[@]}"; do
  printf '%-28s %7s ms / %7s ms = %s\n' "$name" "${P99[$COUNT/$name]}" "${P99[$SMALL/$name]}" \
    "$(awk -v a="${P99[$COUNT/$name]}" -v b="${P99[$SMALL/$name]}" 'BEGIN {printf "%.2f", a / b}')"
done

# ---- the report and the CSV: every round a fresh copy of the database and a fresh server ----
((REPORT_ROUNDS > 0)) || exit 0
for n in "$SMALL" "$COUNT"; do
  db=$(kept_database consultations "$n" consultation_comments)
  facts
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  declare -A T=() S=()
  echo "--- report and CSV, $n comments, $REPORT_ROUNDS rounds (load average $(load))"
  for round in $(seq 1 "$REPORT_ROUNDS"); do
    cp "$db" "$work/copy.db"
    rm -f "$work/copy.db-wal" "$work/copy.db-shm"
    start "$work/copy.db"
    line="  round $round:"
    for what in "report.pdf first" "report.pdf second" "report.xlsx first" "report.xlsx second" "comments.csv"; do
      out=$(timed "/consultations/$id/${what%% *}") || { echo "$out"; exit 1; }
      read -r t s <<< "$out"
      T[$what]="${T[$what]:-} $t"; S[$what]=$s
      line+=" ${what} $(printf '%.2f' "$t") s;"
    done
    echo "$line (load average $(load))"
    stop
    rm -f "$work/copy.db" "$work/copy.db-wal" "$work/copy.db-shm"
  done
  for what in "report.pdf first" "report.pdf second" "report.xlsx first" "report.xlsx second" "comments.csv"; do
    # shellcheck disable=SC2086
    printf '%-20s median %8.2f s  %8s KiB  (rounds:%s)\n' "$what" "$(median ${T[$what]})" "$((S[$what] / 1024))" "${T[$what]}"
  done
  unset T S
done
