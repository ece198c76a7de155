#!/usr/bin/env bash
# Runs a command under libfaketime (Debian package faketime) when TINHSO_FAKETIME names a UTC
# instant, e.g. TINHSO_FAKETIME="2027-02-05 16:59:00": the wall clock of the command and of every
# process it starts (FAKETIME_DONT_RESET: one shared clock, not one restarting per process) begins
# at that instant and advances in real time. The monotonic clocks are shifted too: Chromium hangs
# when only its wall clock moves (FAKETIME_DONT_FAKE_MONOTONIC). libfaketimeMT (-m): the processes
# are multi-threaded.
# Without TINHSO_FAKETIME the command runs as is.
#   tests/lib/faketime.sh CMD [ARGS...]   run CMD
#   tests/lib/faketime.sh --describe      print the clock a run gets (UTC and Vietnam, UTC+7)
set -euo pipefail
instant=${TINHSO_FAKETIME:-}

if [[ ${1:-} == --describe ]]; then
  if [[ -n $instant ]]; then
    vn=$(date -u -d "$instant UTC + 7 hours" '+%a %Y-%m-%d %H:%M:%S')
    echo "faked by libfaketime, from $(date -u -d "$instant UTC" '+%a %Y-%m-%d %H:%M:%S') UTC = $vn in Vietnam"
  else
    echo "real, $(date -u '+%a %Y-%m-%d %H:%M:%S') UTC"
  fi
  exit 0
fi

[[ -n $instant ]] || exec "$@"
command -v faketime >/dev/null || { echo "tests/lib/faketime.sh: faketime is not installed (scripts/install-deps test)" >&2; exit 1; }
# faketime reads the start instant in local time.
start=$(date -d "$instant UTC" '+%Y-%m-%d %H:%M:%S') || { echo "tests/lib/faketime.sh: bad TINHSO_FAKETIME '$instant'" >&2; exit 2; }
export FAKETIME_DONT_RESET=1
exec faketime -m -f "@$start" "$@"
