#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   tests/lib/pg.sh start DIR   initdb in DIR (created if missing), start on 127.0.0.1 on a free
#                               port with the unix socket inside DIR, create database "tinhso" and
#                               print its URL: postgresql://postgres@127.0.0.1:PORT/tinhso
#   tests/lib/pg.sh stop DIR    stop the cluster started in DIR and delete DIR
#   tests/lib/pg.sh url DIR     print the URL again
#
# initdb refuses to run as root, so the server runs as the `postgres` user (runuser) when we are
# root. Authentication is `trust` on 127.0.0.1 only: never use this for anything but tests.
# Durability is switched off (fsync=off): the data is thrown away anyway.
# Everything but the URL goes to stderr. A failed start cleans up after itself.
set -euo pipefail

PG_BIN=${PG_BIN:-}
if [[ -z $PG_BIN ]]; then
  for v in 15 16 17; do
    if [[ -x /usr/lib/postgresql/$v/bin/initdb ]]; then PG_BIN=/usr/lib/postgresql/$v/bin; break; fi
  done
fi
MARKER=.tinhso-test-cluster

die() { echo "pg.sh: $*" >&2; exit 1; }
usage() { die "usage: pg.sh start|stop|url DIR"; }

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
[[ -n $dir && $dir != / ]] || die "refusing directory '$dir'"

# as_pg CMD...: run CMD as the postgres user when we are root, as ourselves otherwise.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  # Ask the kernel for a free port (a tiny race with other programs remains; start retries).
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  fi
}

stop_cluster() {
  local d=$1
  if [[ -f $d/data/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$d/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    # If pg_ctl could not stop it (e.g. a broken data dir), kill the postmaster by its pid.
    local pid
    pid=$(head -1 "$d/data/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      kill -QUIT "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
}

start() {
  [[ -n $PG_BIN ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
  if [[ -e $dir ]]; then
    [[ -d $dir ]] || die "$dir exists and is not a directory"
    [[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  touch "$dir/$MARKER"
  # From here on, a failure stops what was started and removes what was made.
  trap 'rc=$?; if ((rc)); then [[ -f $dir/log ]] && { echo "pg.sh: start failed; server log:" >&2; cat "$dir/log" >&2; }; stop_cluster "$dir"; rm -rf "$dir"; fi' EXIT
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no postgres user (apt-get install postgresql)"
    chown postgres: "$dir"
    as_pg test -w "$dir" || die "user postgres cannot write to $dir (is a parent directory private?)"
  fi

  as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_pg mkdir -p "$dir/sock"

  local port="" try
  for try in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
      break
    fi
    port=""
    stop_cluster "$dir"
    echo "pg.sh: start on a free port failed (try $try), retrying" >&2
  done
  [[ -n $port ]] || die "could not start PostgreSQL"
  echo "$port" >"$dir/port"

  local ok=""
  for _ in $(seq 100); do
    if pg_isready -q -h 127.0.0.1 -p "$port" -t 2; then ok=1; break; fi
    sleep 0.1
  done
  [[ -n $ok ]] || die "PostgreSQL did not become ready on port $port"
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres tinhso || die "createdb failed"
  trap - EXIT
  echo "postgresql://postgres@127.0.0.1:$port/tinhso"
}

stop() {
  [[ -d $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "$dir was not made by pg.sh start; not deleting it"
  stop_cluster "$dir"
  rm -rf "$dir"
}

url() {
  [[ -f $dir/port ]] || die "no cluster in $dir"
  echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/tinhso"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) usage ;;
esac
