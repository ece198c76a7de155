#!/usr/bin/env bash
# The cluster test (issue 15 §2): a throwaway PostgreSQL, two tinhso nodes sharing one audit key,
# identity key ring and upload directory, nginx in front with the shipped site
# (deploy/nginx/tinhso.conf), an SMTP sink. Through nginx (tests/cluster/cluster-journeys.mjs):
#   - the core journeys: a demo citizen signs in, creates and submits a dossier with an
#     idempotency key (posted twice: one record), looks it up by code and key, files a petition
#     with its form's key (posted twice: one record); a specialist acts on the petitions desk;
#   - node 1, then node 2, killed with SIGKILL mid-journey and restarted: every GET a reader made
#     meanwhile through nginx answered 200 (nginx retries them on the other node), the session
#     works on both nodes after the restarts, and a POST that died with its node (its body still
#     arriving; or sent whole, committed or not) replayed with its key makes one dossier;
#   - a one-stop officer enters and receives paper dossiers at the desk (a key each, posted twice);
#   - background jobs run once across the nodes: every queued mail delivered once (no Message-ID
#     twice at the SMTP sink), every queued SMS posted once to the webhook sink, the lateness job
#     (both nodes started together, each running a pass at once) flags each due dossier once with
#     one audit record and one mail per leader, Open311 batch intake (both nodes polling every
#     2 s) makes one petition per report. (No reminder job exists besides the lateness job's mails
#     to leaders; audit retention runs under a lease too but its effect cannot show a double run.)
# Usage: bash tests/cluster/cluster.sh   (exit 0 = pass; TINHSO_BIN, TINHSO_TEST_KEEP=1 keeps the run's directory)
set -euo pipefail
# shellcheck source=tests/cluster/lib.sh
source "$(dirname "$0")/lib.sh"
cl_init cluster
started=$SECONDS

cl_pg_start
cl_migrate
node "$CL_ROOT/tests/cluster/cluster-sink.mjs" "$CL_TMP/sink.port" "$CL_TMP/sink.log" "$CL_TMP/sms.port" "$CL_TMP/sms.log" &
CL_EXTRA_PIDS+=($!)
for _ in $(seq 100); do [[ -s $CL_TMP/sink.port ]] && break; sleep 0.1; done
[[ -s $CL_TMP/sink.port ]] || cl_fail "the SMTP sink did not start"
smtp="127.0.0.1:$(cat "$CL_TMP/sink.port")"
sms="http://127.0.0.1:$(cat "$CL_TMP/sms.port")/sms"

# Node 1 loads the demo province once (`demo` = migrate + demo data + serve); node 2 only serves.
cl_node 1 demo --smtp "$smtp"
cl_stop 1
# The lateness job's work: every open dossier due today (Viet Nam's day), then both nodes start
# together, each running a pass at once; the lease lets one of them flag.
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
cl_sql "UPDATE dossiers SET due_date = '$today' WHERE state IN ('received', 'processing', 'proposed', 'approved') AND paused_at IS NULL" >/dev/null
CL_NOWAIT=1 cl_node 1 serve --smtp "$smtp" --sms-webhook "$sms"
CL_NOWAIT=1 cl_node 2 serve --smtp "$smtp" --sms-webhook "$sms"
cl_wait_node 1
cl_wait_node 2
cl_nginx 1 2
okey=$("$CL_BIN" open311 key create --db "$CL_DB" --name "Cụm thử" 2>>"$CL_TMP/migrate.log") || cl_fail "open311 key create"
echo "cluster: PostgreSQL, 2 nodes (ports ${CL_PORT[1]} ${CL_PORT[2]}), nginx at $CL_URL ($((SECONDS - started)) s)"

export CL_TMP CL_DB CL_URL
CL_PORT_1=${CL_PORT[1]} CL_PORT_2=${CL_PORT[2]} CL_SINK_LOG=$CL_TMP/sink.log CL_SMS_LOG=$CL_TMP/sms.log CL_OPEN311_KEY=$okey \
  node "$CL_ROOT/tests/cluster/cluster-journeys.mjs" || cl_fail "the cluster journeys failed"
# nginx retries GETs on the other node; a POST it had sent to a node that died is the client's
# to replay (the journeys do, with its key).
if grep -E '"(GET|HEAD) [^"]*" 50[234] ' "$CL_TMP/nginx-access.log"; then cl_fail "nginx answered a GET with 502/503/504 (above)"; fi
echo "cluster: passed in $((SECONDS - started)) s"
