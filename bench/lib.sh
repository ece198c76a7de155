# Shared by the page benchmarks (bench/petitions.sh, bench/open311.sh); source it after setting
# BIN, KEEP, DURATION, ROUNDS and CONNECTIONS.
#   start DBFILE            serves DBFILE (SQLite) on a free port: sets url and spid
#   stop                    stops it
#   bench NAME SCRIPT PATH [HEADER...]
#                           ROUNDS wrk runs (-t2, CONNECTIONS, DURATION, the lua SCRIPT, the
#                           headers); prints the median req/s, p50, p95 (SCRIPT prints "P95 ms")
#                           and the non-2xx count
#   p95_lua FILE            writes a wrk script that only reports p95
#   kept_database NAME N TABLE
#                           prints $KEEP/NAME-N.db: kept while TABLE still holds the rows counted
#                           when it was made; otherwise made again (the demo province, then $GEN
#                           --count N with its progress bar, then ANALYZE), and migrated to this
#                           build's schema either way
# A temporary directory $work is made and removed on exit, with the server.
work=$(mktemp -d)
spid=""
cleanup() { [[ -n $spid ]] && kill "$spid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start() {
  "$BIN" serve --db "sqlite:$1" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" --smtp 127.0.0.1:9 \
    --identity-keys-file "$KEEP/identity-keys" 2>"$work/log" &
  spid=$!
  for _ in $(seq 1 1500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
  url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
  [[ -n $url ]] || { cat "$work/log"; exit 1; }
}

stop() { kill "$spid"; wait "$spid" 2>/dev/null || true; spid=""; }

p95_lua() {
  cat > "$1" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA
}

bench() {
  local name=$1 script=$2 path=$3
  shift 3
  local hdr=() h
  for h in "$@"; do hdr+=(-H "$h"); done
  local rs=() p50=() p95=() bad=0 out
  for _ in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "${hdr[@]}" "$url$path" 2>&1)
    rs+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    p50+=("$(echo "$out" | awk '$1=="50%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms$/,"",v); else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}')")
    p95+=("$(echo "$out" | awk '/^P95/ {print $2}')")
    if echo "$out" | grep -q 'Non-2xx'; then bad=$((bad + $(echo "$out" | awk '/Non-2xx/ {print $NF}'))); fi
  done
  printf '%-44s c=%-3s %9s req/s  p50 %8s ms  p95 %8s ms  non-2xx %s  (rounds: %s)\n' "$name" "$CONNECTIONS" \
    "$(median "${rs[@]}")" "$(median "${p50[@]}")" "$(median "${p95[@]}")" "$bad" "${rs[*]}"
}

kept_database() {
  local name=$1 n=$2 table=$3 file="$KEEP/$1-$2.db"
  if ! [[ -f $file && -f $file.rows ]] ||
     [[ $(sqlite3 "$file" "SELECT COUNT(*) FROM $table" 2>/dev/null) != "$(cat "$file.rows")" ]]; then
    rm -f "$file" "$file-wal" "$file-shm" "$file.rows"
    "$BIN" migrate --db "sqlite:$file" --demo --identity-keys-file "$KEEP/identity-keys" >/dev/null 2>&1
    "$GEN" --db "sqlite:$file" --count "$n" >&2
    sqlite3 "$file" 'PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;' >/dev/null
    sqlite3 "$file" "SELECT COUNT(*) FROM $table" > "$file.rows"
  fi
  "$BIN" migrate --db "sqlite:$file" --identity-keys-file "$KEEP/identity-keys" >/dev/null 2>&1
  echo "$file"
}
