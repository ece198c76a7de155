#!/usr/bin/env bash
# Crash safety (issue 15 §3), on SQLite and on PostgreSQL: one node is killed with SIGKILL and
# restarted every 1–2 s while clients create and submit dossiers and file petitions, each with an
# idempotency key and retried with it until answered (tests/cluster/crash-clients.mjs). Then:
# every acknowledged key replayed answers the same code, every acknowledged record is in the
# database (dossiers submitted), no key made two records (SQL count by key), SQLite's
# `PRAGMA integrity_check` says ok, and `tinhso audit verify` exits 0 (chain, MACs, anchors).
# Usage: bash tests/cluster/crash.sh [sqlite|postgresql]   (both when none; exit 0 = pass)
# Env: TINHSO_BIN, CL_SECONDS (load per database, default 12), CL_CLIENTS (default 3).
set -euo pipefail
if (($# == 0)); then
  bash "$0" sqlite
  bash "$0" postgresql
  exit 0
fi
db=$1
# shellcheck source=tests/cluster/lib.sh
source "$(dirname "$0")/lib.sh"
cl_init "crash-$db"
started=$SECONDS
case $db in
  sqlite) cl_sqlite ;;
  postgresql) cl_pg_start ;;
  *) echo "crash.sh: unknown database $db" >&2; exit 2 ;;
esac
cl_migrate
# Node 1 loads the demo province and serves; restarts serve. Generous form limits: one address and
# one account post all the petitions.
cl_node 1 demo --smtp log --petition-posts-per-hour 1000000 --petition-account-posts-per-hour 1000000
echo "crash ($db): node on port ${CL_PORT[1]} ($((SECONDS - started)) s)"

export CL_TMP CL_DB
CL_PORT_1=${CL_PORT[1]} node "$CL_ROOT/tests/cluster/crash-clients.mjs" ||
  cl_fail "the crash clients failed"
cl_stop 1

if [[ $db == sqlite ]]; then
  check=$(sqlite3 "${CL_DB#sqlite:}" 'PRAGMA integrity_check')
  [[ $check == ok ]] || cl_fail "PRAGMA integrity_check: $check"
  echo "crash ($db): PRAGMA integrity_check: ok"
fi
"$CL_BIN" audit verify --db "$CL_DB" --audit-key-file "$CL_TMP/audit-key" --audit-anchor-file "$CL_TMP/anchors-1" >"$CL_TMP/verify.log" 2>&1 ||
  cl_fail "tinhso audit verify failed: $(tail -5 "$CL_TMP/verify.log")"
echo "crash ($db): tinhso audit verify: exit 0 ($(tail -1 "$CL_TMP/verify.log"))"
echo "crash ($db): passed in $((SECONDS - started)) s"
