#!/usr/bin/env bash
# Petition benchmarks of issue 6 on SQLite: generates SMALL and COUNT petitions (bench/petitions_gen,
# progress bar; databases kept in $KEEP, made again when changed), serves each and measures the
# officers' search page (/petitions/desk) as SO-KHCN's demo specialist with wrk: accent-free
# queries of one to three words cycled, and the unfiltered first page. Medians of ROUNDS runs;
# p95 from wrk's latency distribution.
# Usage: bench/petitions.sh   (env: COUNT=1000000 SMALL=10000 DURATION=10s ROUNDS=3 CONNECTIONS=8
#                              BIN=build/tinhso GEN=build/petitions_gen KEEP=var/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
GEN=${GEN:-build/petitions_gen}
COUNT=${COUNT:-1000000}
SMALL=${SMALL:-10000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-8}
KEEP=${KEEP:-var/bench}
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
for b in "$BIN" "$GEN"; do [[ -x $b ]] || { echo "missing $b: run make build"; exit 1; }; done
mkdir -p "$KEEP"
source bench/lib.sh
source bench/second_factor.sh



cookie() {  # signs in the demo specialist (second factor: bench/second_factor.sh) and prints the Cookie header
  local jar="$work/jar" page token
  rm -f "$jar"
  page=$(curl -s -c "$jar" "$url/login")
  token=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null -H "Origin: $url" --data-urlencode "_csrf=$token" \
    --data-urlencode "email=specialist@demo.tinhso.vn" --data-urlencode "password=Demo-Phu-Tho-2025" "$url/login"
  mkdir -p "$db.totp"
  pass_second_factor "$url" "$jar" specialist@demo.tinhso.vn "$db.totp"
  awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF>=7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar"
}

cat > "$work/queries" <<'Q'
/petitions/desk?q=ngap+nuoc
/petitions/desk?q=den+duong
/petitions/desk?q=rac+thai+hung+vuong
/petitions/desk?q=o+ga
/petitions/desk?q=cong+thoat+nuoc+tac
/petitions/desk?q=tieng+on+karaoke
/petitions/desk?q=song+dien+thoai&kind=feedback
/petitions/desk?q=lan+chiem+via+he&state=received
Q
cat > "$work/cycle.lua" <<LUA
local paths, i = {}, 0
for line in io.lines("$work/queries") do paths[#paths + 1] = line end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA
p95_lua "$work/plain.lua"


echo "tinhso $($BIN --version | awk '{print $2}') on $(nproc) cores; wrk -t2 -d$DURATION; $ROUNDS rounds, medians"
for n in "$SMALL" "$COUNT"; do
  db=$(kept_database petitions "$n" petitions)
  echo "--- $n petitions ($(du -h "$db" | cut -f1) database; $(sqlite3 "$db" "SELECT COUNT(*) FROM petitions p JOIN agencies a ON a.id = p.agency_id WHERE a.code = 'SO-KHCN'") in the specialist's scope)"
  start "$db"
  ck=$(cookie)
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $ck" "$url/petitions/desk?q=ngap+nuoc")
  [[ $code == 200 ]] || { echo "the search answered $code"; exit 1; }
  bench "search, 8 queries cycled" "$work/cycle.lua" / "Cookie: $ck"
  bench "first page, no filter" "$work/plain.lua" /petitions/desk "Cookie: $ck"
  # One petition's desk page: its history and the repeat suggestions (similar folded text in the
  # same agency), petitions of the specialist's scope cycled.
  sqlite3 "$db" "SELECT p.id FROM petitions p JOIN agencies a ON a.id = p.agency_id WHERE a.code = 'SO-KHCN' AND p.id % 97 = 0 LIMIT 300" > "$work/ids"
  cat > "$work/show.lua" <<LUA
local ids, i = {}, 0
for line in io.lines("$work/ids") do ids[#ids + 1] = line end
request = function() i = i % #ids + 1; return wrk.format("GET", "/petitions/desk/" .. ids[i]) end
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA
  bench "one petition + suggestions" "$work/show.lua" / "Cookie: $ck"
  stop
done
