#!/usr/bin/env bash
# Starts the demo province on a temporary SQLite database and runs bench/login_flood.mjs.
# Usage: bench/login_flood.sh   (env: BIN=build/tinhso FLOODERS=32 SAMPLES=300 PAGE=/about MODE=login|reset)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"$BIN" demo --db "sqlite:$work/b.db" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" \
  --smtp 127.0.0.1:9 >/dev/null 2>"$work/log" &
pid=$!
for _ in $(seq 1 1000); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
node bench/login_flood.mjs "$url"
