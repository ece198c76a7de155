#!/usr/bin/env bash
# Open311 benchmarks of issue 6 on SQLite: generates COUNT city reports (bench/open311_gen, a
# progress bar; over the last 10 years, so the default 90-day window holds ~2.5 %; the database is
# kept in $KEEP and made again when changed), serves it and measures with wrk (2 threads,
# CONNECTIONS connections, on the same 2 cores as the server):
#   requests.json                       the spec's default query: the last 90 days, up to 1000
#   requests.json?page_size=50          the same, one page of 50 (a map client's first screen)
#   requests.json?status=open&service_code=ROAD,FLOOD
#   requests.json?service_request_id=   10 known ids (an app refreshing its user's reports)
#   requests/{id}.json                  one request, ids cycled
#   services.json                       the service list
# Answers of GET requests are cached per node while the database's answer version is unchanged
# (migration 002, answer_cache.h): these figures are for a steady database; the first answer
# after a change is measured once, uncached, before the runs. Medians of ROUNDS runs; p95 from
# wrk's latency distribution.
# Usage: bench/open311.sh   (env: COUNT=1000000 DURATION=10s ROUNDS=3 CONNECTIONS=16
#                            BIN=build/tinhso GEN=build/open311_gen KEEP=var/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/open311_gen}
COUNT=${COUNT:-1000000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
KEEP=${KEEP:-var/bench}
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"
source bench/lib.sh



p95_lua "$work/plain.lua"


echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores; wrk -t2 -d$DURATION; $ROUNDS rounds, medians"
db=$(kept_database open311 "$COUNT" open311_reports)
echo "--- $COUNT reports ($(du -h "$db" | cut -f1) database)"
start "$db"
ids=$(sqlite3 "$db" "SELECT p.code FROM open311_reports r JOIN petitions p ON p.id = r.petition_id ORDER BY r.id DESC LIMIT 10" | paste -sd,)
sqlite3 "$db" "SELECT p.code FROM open311_reports r JOIN petitions p ON p.id = r.petition_id WHERE r.id % 997 = 0 LIMIT 500" > "$work/ids"
cat > "$work/one.lua" <<LUA
local ids, i = {}, 0
for line in io.lines("$work/ids") do ids[#ids + 1] = line end
request = function() i = i % #ids + 1; return wrk.format("GET", "/open311/v2/requests/" .. ids[i] .. ".json") end
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA
size=$(curl -s "$url/open311/v2/requests.json" | wc -c)
gz=$(curl -s -H 'Accept-Encoding: gzip' "$url/open311/v2/requests.json" | wc -c)
n=$(curl -s "$url/open311/v2/requests.json" | grep -o '"service_request_id"' | wc -l)
first=$(curl -s -o /dev/null -w '%{time_total}' "$url/open311/v2/requests.json?page_size=999")
echo "requests.json answers $n requests, $size bytes ($gz gzipped); first (uncached) answer of 999: ${first}s"
bench "requests.json (90 days, up to 1000)" "$work/plain.lua" "/open311/v2/requests.json"
bench "requests.json, Accept-Encoding: gzip" "$work/plain.lua" "/open311/v2/requests.json" "Accept-Encoding: gzip"
bench "requests.json?page_size=50" "$work/plain.lua" "/open311/v2/requests.json?page_size=50"
bench "requests.json?status=open&service_code=2" "$work/plain.lua" "/open311/v2/requests.json?status=open&service_code=ROAD,FLOOD"
bench "requests.json?service_request_id=10 ids" "$work/plain.lua" "/open311/v2/requests.json?service_request_id=$ids"
bench "requests/{id}.json, 500 ids cycled" "$work/one.lua" /
bench "services.json" "$work/plain.lua" "/open311/v2/services.json"
