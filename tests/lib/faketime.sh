#!/usr/bin/env bash
# Runs a command under libfaketime (Debian package faketime) when TINHSO_FAKETIME names a UTC
# instant, e.g. TINHSO_FAKETIME="2027-02-05 16:59:00": the wall clock of the command and of every
# process it starts (FAKETIME_DONT_RESET: one shared clock, not one restarting per process) begins
# at that instant and advances in real time. libfaketimeMT (-m): the processes are multi-threaded.
# The monotonic clocks stay real: libfaketime shifts the clock a std::condition_variable computes its
# deadline from but not the pthread_cond_clockwait() that waits for it, so a timed wait would never
# end (the calendar refresher's, for one). Chromium, however, hangs when only its wall clock moves:
# TINHSO_FAKETIME_MONOTONIC=1 (tests/e2e/run) shifts the monotonic clocks too.
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
[[ ${TINHSO_FAKETIME_MONOTONIC:-0} == 1 ]] || export FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -m -f "@$start" "$@"
