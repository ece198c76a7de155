#!/usr/bin/env bash
# Does an anonymous identity form answer in the same time whether or not the address has an
# account (issue 12 §4)? Times, with curl, TRIALS requests of each kind (interleaved, each from its
# own client address through --trusted-proxy and to its own recipient, so that the per-address and
# per-recipient mail limits never answer instead):
#   POST /register          a new address       vs  an address that already has an account
#   POST /password/forgot   an account's address vs  an address without one
# and prints the median and range of each, in milliseconds. Timing belongs here, not in tests:
# tests/http/identity.test.mjs checks the same work through /metrics and the outbox instead.
#
#   bench/identity_timing.sh                     # build/tinhso
#   BIN=/path/to/tinhso TRIALS=20 bench/identity_timing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
TRIALS=${TRIALS:-20}
[[ -x $BIN ]] || { echo "missing $BIN: run make build"; exit 1; }

work=$(mktemp -d)
spid=""
cleanup() { [[ -n $spid ]] && kill "$spid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }

db="sqlite:$work/t.db"
"$BIN" migrate --db "$db" --demo --identity-keys-file "$work/keys" >/dev/null 2>&1
"$BIN" serve --db "$db" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" --smtp log \
  --trusted-proxy 127.0.0.1 --identity-keys-file "$work/keys" 2>"$work/log" &
spid=$!
for _ in $(seq 1 1500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
[[ -n $url ]] || { cat "$work/log"; exit 1; }

jar="$work/jar"
token=$(curl -s -c "$jar" "$url/register" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
client=0
# post PATH EMAIL: milliseconds of one form post from a client address of its own (run in the
# main shell, which counts the clients; the time goes to $ms).
post() {
  local path=$1 email=$2 fields
  client=$((client + 1))
  fields=(--data-urlencode "_csrf=$token" --data-urlencode "email=$email")
  if [[ $path == /register ]]; then
    fields+=(--data-urlencode "full_name=Người Thử Nghiệm" --data-urlencode "citizen_id=025190001234"
             --data-urlencode "password=một mật khẩu đủ dài để thử")
  fi
  curl -s -o /dev/null -b "$jar" -H "Origin: $url" -H "X-Forwarded-For: 10.77.$((client / 250)).$((client % 250 + 1))" \
    -w '%{time_total} %{http_code}\n' "${fields[@]}" "$url$path" > "$work/out"
  ms=$(awk '{printf "%.2f", $1 * 1000; if ($2 != 200) print "HTTP " $2 > "/dev/stderr"}' "$work/out")
}

# The accounts the "taken" and "known" trials use: registered first (not timed).
for i in $(seq 1 "$TRIALS"); do post /register "have.$i@example.vn"; done
new=() taken=() known=() unknown=()
for i in $(seq 1 "$TRIALS"); do
  post /register "new.$i@example.vn" && new+=("$ms")
  post /register "have.$i@example.vn" && taken+=("$ms")
  post /password/forgot "have.$i@example.vn" && known+=("$ms")
  post /password/forgot "nobody.$i@example.vn" && unknown+=("$ms")
done
printf '%-44s median %7s ms  range %s ms\n' \
  "POST /register, new address" "$(median "${new[@]}")" "$(range "${new[@]}")" \
  "POST /register, address with an account" "$(median "${taken[@]}")" "$(range "${taken[@]}")" \
  "POST /password/forgot, address with an account" "$(median "${known[@]}")" "$(range "${known[@]}")" \
  "POST /password/forgot, address without one" "$(median "${unknown[@]}")" "$(range "${unknown[@]}")"
echo "($TRIALS trials each, interleaved; $BIN)"
