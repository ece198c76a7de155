#!/usr/bin/env bash
# Starts tinhso on a temporary SQLite database and runs bench/slow_clients.mjs against it.
# Usage: bench/slow_clients.sh   (env: BIN=build/tinhso IDLE=1000 SLOW=100 SAMPLES=300)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"$BIN" migrate --db "sqlite:$work/b.db" 2>/dev/null
"$BIN" serve --db "sqlite:$work/b.db" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" 2>"$work/log" &
pid=$!
for _ in $(seq 1 500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.01; done
port=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$work/log")
ulimit -n 65536 2>/dev/null || true
node bench/slow_clients.mjs 127.0.0.1 "$port"
echo "tinhso resident memory after the run: $(awk '/VmRSS/ {print $2}' /proc/$pid/status) KiB"
