#!/usr/bin/env bash
# Runs `tinhso audit verify` against each anchor file and writes the outcome as Prometheus metrics
# for node_exporter's textfile collector (issue 15 §1; deploy/prometheus/tinhso-alerts.yml, group
# tinhso-audit). Run it hourly as the tinhso user, e.g. /etc/cron.d/tinhso-audit-verify:
#   17 * * * * tinhso /opt/tinhso/deploy/prometheus/audit-verify.sh
# Environment: TINHSO_ENV_FILE (/etc/tinhso/tinhso.env: database URL, key files), TINHSO_BIN
# (/opt/tinhso/bin/tinhso), TINHSO_ANCHORS (glob, /var/lib/tinhso/audit-anchors-*),
# TEXTFILE_DIR (/var/lib/prometheus/node-exporter; must be writable by the tinhso user).
# Metrics: tinhso_audit_verify_exit_code{anchor_file} (0 intact, 3 broken, 2 key or schema missing),
# tinhso_audit_verify_last_run_timestamp_seconds, tinhso_audit_anchor_mtime_seconds{file}.
set -uo pipefail
env_file=${TINHSO_ENV_FILE:-/etc/tinhso/tinhso.env}
bin=${TINHSO_BIN:-/opt/tinhso/bin/tinhso}
anchors=${TINHSO_ANCHORS:-/var/lib/tinhso/audit-anchors-*}
dir=${TEXTFILE_DIR:-/var/lib/prometheus/node-exporter}
set -a
# shellcheck source=/dev/null
. "$env_file"
set +a
out=$(mktemp "$dir/.tinhso-audit.XXXXXX") || exit 1
{
  echo "# HELP tinhso_audit_verify_exit_code Exit status of \`tinhso audit verify\` (0 intact, 3 broken, 2 key file or schema missing)."
  echo "# TYPE tinhso_audit_verify_exit_code gauge"
  found=0
  for f in $anchors; do
    [[ -f $f ]] || continue
    found=1
    "$bin" audit verify --audit-anchor-file "$f" >/dev/null 2>&1
    echo "tinhso_audit_verify_exit_code{anchor_file=\"$f\"} $?"
  done
  if ((!found)); then
    "$bin" audit verify >/dev/null 2>&1
    echo "tinhso_audit_verify_exit_code{anchor_file=\"\"} $?"
  fi
  echo "# HELP tinhso_audit_verify_last_run_timestamp_seconds When audit-verify.sh last ran."
  echo "# TYPE tinhso_audit_verify_last_run_timestamp_seconds gauge"
  echo "tinhso_audit_verify_last_run_timestamp_seconds $(date +%s)"
  echo "# HELP tinhso_audit_anchor_mtime_seconds When each node last appended to its audit anchor file."
  echo "# TYPE tinhso_audit_anchor_mtime_seconds gauge"
  for f in $anchors; do
    [[ -f $f ]] && echo "tinhso_audit_anchor_mtime_seconds{file=\"$f\"} $(stat -c %Y "$f")"
  done
} >"$out"
chmod 0644 "$out"
mv "$out" "$dir/tinhso-audit.prom"
