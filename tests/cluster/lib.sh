#!/usr/bin/env bash
# Shared helpers of the cluster tests (issue 15 §2, §3): a throwaway PostgreSQL (tests/lib/pg.sh)
# or SQLite file, tinhso nodes on free loopback ports sharing one audit key, identity key ring and
# upload directory, and nginx in front with the shipped site (deploy/nginx/tinhso.conf) rewritten
# to those ports. Source it, call cl_init, and everything started is stopped and deleted at exit.
#
#   cl_init NAME                 temp dir $CL_TMP, exit trap; $CL_ROOT, $CL_BIN
#   cl_pg_start                  sets CL_DB to a fresh PostgreSQL database
#   cl_sqlite                    sets CL_DB to sqlite:$CL_TMP/tinhso.db
#   cl_migrate                   tinhso migrate on $CL_DB
#   cl_node N [mode] [ARGS...]   starts node N (mode serve|demo, default serve) on port CL_PORT[N]
#                                (chosen on first start, kept on restart); waits for /healthz.
#                                Also writes $CL_TMP/node-N.sh, which restarts it as it was
#                                (`bash node-N.sh [serve]`; its pid in node-N.pid).
#                                CL_NOWAIT=1: returns at once (then cl_wait_node N)
#   cl_kill N                    kill -9 node N
#   cl_stop N                    SIGTERM node N, waits
#   cl_nginx N...                nginx in front of the nodes' ports; sets CL_URL
#   cl_sql SQL                   runs SQL on $CL_DB (psql or sqlite3), tab-separated rows
#   cl_fail MSG                  prints MSG and the nodes' log tails, exits 1
# Node N's output goes to $CL_TMP/node-N.log (appended across restarts).
set -euo pipefail

CL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/lib/nginx.sh
source "$CL_ROOT/tests/lib/nginx.sh"
CL_BIN=${TINHSO_BIN:-$CL_ROOT/build/tinhso}
[[ $CL_BIN == /* ]] || CL_BIN=$PWD/$CL_BIN
declare -gA CL_PID=() CL_PORT=()
CL_TMP=""
CL_PGDIR=""
CL_DB=""
CL_URL=""
CL_EXTRA_PIDS=()

cl_init() {
  local name=$1
  [[ -x $CL_BIN ]] || { echo "$name: no tinhso binary at $CL_BIN (build it, or set TINHSO_BIN)" >&2; exit 1; }
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { echo "$name: nginx is missing (scripts/install-deps deploy)" >&2; exit 1; }
  CL_TMP=$(mktemp -d "/tmp/tinhso-$name-XXXXXX")
  chmod 755 "$CL_TMP"
  trap cl_cleanup EXIT
  trap 'exit 130' INT TERM
  # Nodes are restarted for a minute or more: they run a copy, which a rebuild of the original
  # cannot replace under them; the assets are the checkout's.
  cp "$CL_BIN" "$CL_TMP/tinhso"
  CL_BIN=$CL_TMP/tinhso
}

cl_cleanup() {
  local rc=$?
  local f p
  for f in "$CL_TMP"/node-*.pid; do
    [[ -f $f ]] || continue
    p=$(cat "$f")
    if [[ $p =~ ^[0-9]+$ ]]; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  for p in "${CL_EXTRA_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -n $CL_TMP && -f $CL_TMP/nginx.pid ]]; then kill "$(cat "$CL_TMP/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [[ -n $CL_PGDIR ]]; then "$CL_ROOT/tests/lib/pg.sh" stop "$CL_PGDIR" || true; fi
  if [[ -n $CL_TMP ]]; then
    if [[ -n ${TINHSO_TEST_KEEP:-} ]]; then echo "kept $CL_TMP" >&2; else rm -rf "$CL_TMP"; fi
  fi
  exit "$rc"
}

cl_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cl_pg_start() {
  CL_PGDIR=$(mktemp -d /tmp/tinhso-pg.XXXXXX)
  CL_DB=$("$CL_ROOT/tests/lib/pg.sh" start "$CL_PGDIR")
}

cl_sqlite() { CL_DB="sqlite:$CL_TMP/tinhso.db"; }

# The flags every node and CLI run shares: one audit key, one identity key ring.
cl_common_args() { echo --db "$CL_DB" --audit-key-file "$CL_TMP/audit-key" --identity-keys-file "$CL_TMP/identity-keys"; }

cl_migrate() {
  # shellcheck disable=SC2046
  "$CL_BIN" migrate $(cl_common_args) --audit-anchor-file "$CL_TMP/anchors-migrate" >>"$CL_TMP/migrate.log" 2>&1 ||
    cl_fail "tinhso migrate failed: $(tail -5 "$CL_TMP/migrate.log")"
}

cl_node() {
  local n=$1 mode=${2:-serve}
  shift; (($#)) && shift
  [[ -n ${CL_PORT[$n]:-} ]] || CL_PORT[$n]=$(cl_free_port)
  local port=${CL_PORT[$n]} extra
  extra=$(printf ' %q' "$@")
  # A script per node, so that a helper (cluster-*.mjs, crash-*.mjs) can restart it as it was:
  # `bash $CL_TMP/node-N.sh` (it writes its pid to node-N.pid and appends to node-N.log).
  cat >"$CL_TMP/node-$n.sh" <<SH
#!/usr/bin/env bash
echo \$\$ >"$CL_TMP/node-$n.pid"
exec "$CL_BIN" \${1:-serve} $(cl_common_args) --assets "$CL_ROOT" --listen 127.0.0.1:$port --trusted-proxy 127.0.0.1 \\
  --access-log "$CL_TMP/access-$n.log" --upload-dir "$CL_TMP/uploads" --audit-anchor-file "$CL_TMP/anchors-$n" \\
  $extra >>"$CL_TMP/node-$n.log" 2>&1
SH
  rm -f "$CL_TMP/node-$n.pid"
  bash "$CL_TMP/node-$n.sh" "$mode" &
  CL_PID[$n]=$!
  disown "${CL_PID[$n]}"  # killed on purpose: no job-control notice
  [[ -n ${CL_NOWAIT:-} ]] || cl_wait_node "$n"
}

# Waits until node N answers /healthz.
cl_wait_node() {
  local n=$1
  for _ in $(seq 300); do
    curl -fs -o /dev/null "http://127.0.0.1:${CL_PORT[$n]}/healthz" && return 0
    sleep 0.1
  done
  cl_fail "node $n did not answer /healthz"
}

# The pid of node N as its script recorded it ("" when not running).
cl_pid() { cat "$CL_TMP/node-$1.pid" 2>/dev/null || true; }

cl_kill() {
  local p
  p=$(cl_pid "$1")
  if [[ -n $p ]]; then kill -KILL "$p" 2>/dev/null || true; fi
  rm -f "$CL_TMP/node-$1.pid"
}

cl_stop() {
  local p
  p=$(cl_pid "$1")
  [[ -n $p ]] || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  rm -f "$CL_TMP/node-$1.pid"
}

cl_nginx() {
  local nginx p pn upstream=""
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  pn=$(cl_free_port)
  for n in "$@"; do upstream+="    server 127.0.0.1:${CL_PORT[$n]} max_fails=2 fail_timeout=5s;\\n"; done
  # The shipped site with the nodes' ports and an unprivileged listen; nothing else changed.
  awk -v up="$upstream" '
    /^upstream tinhso_nodes/ { print; skip = 1; printf "%s", up; next }
    skip && /server 127\.0\.0\.1:/ { next }
    { skip = skip && !/^}/; print }' "$CL_ROOT/deploy/nginx/tinhso.conf" |
    sed -e "s#listen 80;#listen 127.0.0.1:$pn;#; /listen \[::\]:80;/d" >"$CL_TMP/site.conf"
  nginx_main_conf "$CL_TMP" "$CL_TMP/site.conf" "$CL_TMP/nginx-access.log"
  "$nginx" -q -p "$CL_TMP" -c "$CL_TMP/nginx.conf" 2>"$CL_TMP/nginx-start.log" || cl_fail "nginx did not start: $(cat "$CL_TMP/nginx-start.log")"
  CL_URL="http://127.0.0.1:$pn"
  for _ in $(seq 50); do curl -fs -o /dev/null "$CL_URL/healthz" && return 0; sleep 0.1; done
  cl_fail "nginx does not answer /healthz"
}

cl_sql() {
  if [[ $CL_DB == sqlite:* ]]; then
    sqlite3 -separator $'\t' "${CL_DB#sqlite:}" "$1"
  else
    psql -X -q -A -t -F $'\t' "$CL_DB" -c "$1"
  fi
}

cl_fail() {
  echo "FAIL: $*" >&2
  local f
  for f in "$CL_TMP"/node-*.log; do
    [[ -f $f ]] || continue
    echo "--- $(basename "$f") (last 15 lines) ---" >&2
    tail -15 "$f" >&2
  done
  exit 1
}
